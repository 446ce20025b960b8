// Which platform adapter runs where: plain data, so the content script can pick one by URL and load its finder
// lazily (`finderFile`: the adapter and the extraction engine in one module per platform, built by
// vite.config.ts from src/platforms/<id>/), and a test can check the list against manifest.json.
import type { PlatformId } from '../model/captured-post';
import { matchesUrl } from './match-pattern';

export interface PlatformRegistration {
  id: Exclude<PlatformId, 'generic'>;
  label: { zh_CN: string; en: string };
  /** Match patterns, as in manifest.json's content_scripts and host_permissions. */
  matches: readonly string[];
}

export const PLATFORMS: readonly PlatformRegistration[] = [
  {
    id: 'weibo',
    label: { zh_CN: '新浪微博', en: 'Weibo' },
    matches: ['*://weibo.com/*', '*://*.weibo.com/*', '*://m.weibo.cn/*'],
  },
  {
    id: 'bilibili',
    label: { zh_CN: '哔哩哔哩', en: 'Bilibili' },
    matches: ['*://*.bilibili.com/*'],
  },
  {
    id: 'zhihu',
    label: { zh_CN: '知乎', en: 'Zhihu' },
    matches: ['*://*.zhihu.com/*'],
  },
  {
    id: 'douyin',
    label: { zh_CN: '抖音', en: 'Douyin' },
    matches: ['*://*.douyin.com/*'],
  },
  {
    id: 'tieba',
    label: { zh_CN: '百度贴吧', en: 'Baidu Tieba' },
    matches: ['*://tieba.baidu.com/*'],
  },
  {
    id: 'xiaohongshu',
    label: { zh_CN: '小红书', en: 'Xiaohongshu' },
    matches: ['*://*.xiaohongshu.com/*'],
  },
  {
    id: 'douban',
    label: { zh_CN: '豆瓣', en: 'Douban' },
    matches: ['*://*.douban.com/*'],
  },
  {
    id: 'toutiao',
    label: { zh_CN: '今日头条', en: 'Toutiao' },
    matches: ['*://*.toutiao.com/*'],
  },
  {
    id: 'wechat',
    label: { zh_CN: '微信公众号文章', en: 'WeChat articles' },
    matches: ['*://mp.weixin.qq.com/*'],
  },
];

export function platformForUrl(url: string): PlatformRegistration | undefined {
  return PLATFORMS.find((p) => p.matches.some((m) => matchesUrl(m, url)));
}

/** Where the build puts a platform's finder module, relative to the extension's root. */
export function finderFile(id: PlatformRegistration['id']): string {
  return `assets/finder-${id}.js`;
}
