// Which platform adapter runs where: plain data, so the content script can pick one by URL and load it
// lazily (each `load` is a separate chunk), and a test can check the list against manifest.json.
import type { PlatformAdapter } from './types';
import type { PlatformId } from '../model/captured-post';
import { matchesParsedUrl, parseUrl } from './match-pattern';

export interface PlatformRegistration {
  id: Exclude<PlatformId, 'generic'>;
  label: { zh_CN: string; en: string };
  /** Match patterns, as in manifest.json's content_scripts and host_permissions. */
  matches: readonly string[];
  load: () => Promise<{ default: PlatformAdapter }>;
}

export const PLATFORMS: readonly PlatformRegistration[] = [
  {
    id: 'weibo',
    label: { zh_CN: '新浪微博', en: 'Weibo' },
    matches: ['*://weibo.com/*', '*://*.weibo.com/*', '*://m.weibo.cn/*'],
    load: () => import('./weibo'),
  },
  {
    id: 'bilibili',
    label: { zh_CN: '哔哩哔哩', en: 'Bilibili' },
    matches: ['*://*.bilibili.com/*'],
    load: () => import('./bilibili'),
  },
  {
    id: 'zhihu',
    label: { zh_CN: '知乎', en: 'Zhihu' },
    matches: ['*://*.zhihu.com/*'],
    load: () => import('./zhihu'),
  },
  {
    id: 'douyin',
    label: { zh_CN: '抖音', en: 'Douyin' },
    matches: ['*://*.douyin.com/*'],
    load: () => import('./douyin'),
  },
  {
    id: 'tieba',
    label: { zh_CN: '百度贴吧', en: 'Baidu Tieba' },
    matches: ['*://tieba.baidu.com/*'],
    load: () => import('./tieba'),
  },
  {
    id: 'xiaohongshu',
    label: { zh_CN: '小红书', en: 'Xiaohongshu' },
    matches: ['*://*.xiaohongshu.com/*'],
    load: () => import('./xiaohongshu'),
  },
  {
    id: 'douban',
    label: { zh_CN: '豆瓣', en: 'Douban' },
    matches: ['*://*.douban.com/*'],
    load: () => import('./douban'),
  },
  {
    id: 'toutiao',
    label: { zh_CN: '今日头条', en: 'Toutiao' },
    matches: ['*://*.toutiao.com/*'],
    load: () => import('./toutiao'),
  },
  {
    id: 'wechat',
    label: { zh_CN: '微信公众号文章', en: 'WeChat articles' },
    matches: ['*://mp.weixin.qq.com/*'],
    load: () => import('./wechat'),
  },
];

export function platformForUrl(url: string): PlatformRegistration | undefined {
  const u = parseUrl(url);
  return u && PLATFORMS.find((p) => p.matches.some((m) => matchesParsedUrl(m, u)));
}
