// Security (issue 24, item 13): a destination's form gets the reporter's name and phone, so a page is a
// destination page only at https and the profile's exact origin — not on plain http (anyone on the
// network can write that page), another port, or with credentials in the URL, even on the right hostname.
import { describe, expect, it } from 'vitest';
import { SITE_PROFILES, matchPage } from '../../../src/destinations/adapters/site-profiles';

describe('destination pages: https and the exact origin only', () => {
  it.each([
    'http://www.12377.cn/jbxzxq/jbxx/smjb/smjb.html?type=zp',
    'http://www.12377.cn/jbxzxq/zp_web.html',
    'https://www.12377.cn:8443/jbxzxq/jbxx/smjb/smjb.html?type=zp',
    'https://user:pass@www.12377.cn/jbxzxq/jbxx/smjb/smjb.html?type=zp',
    'https://attacker@www.12377.cn/jbxzxq/jbxx/smjb/smjb.html?type=zp',
    'ws://www.12377.cn/jbxzxq/jbxx/smjb/smjb.html',
    'https://www.12377.cn.evil.example/jbxzxq/jbxx/smjb/smjb.html',
    'https://evil.example/www.12377.cn/jbxzxq/jbxx/smjb/smjb.html',
    'http://service.account.weibo.com/reportspam?rid=1&type=1',
    'blob:https://www.12377.cn/0b2f-4e',
    '',
    'not a url',
  ])('%j is no destination page', (url) => {
    expect(matchPage(url)).toBeUndefined();
  });

  // One real page of every profile host.
  const PAGES = [
    'https://www.12377.cn/jbxzxq/zp_web.html',
    'https://www.12377.cn/jbxzxq/jbxx/smjb/smjb.html?type=zp',
    'https://service.account.weibo.com/reportspam?rid=1&type=1',
    'https://www.bilibili.com/appeal/?avid=1',
    'https://www.bilibili.com/video/BV1GJ411x7h7/',
    'https://t.bilibili.com/912345678901234599',
    'https://www.bilibili.com/opus/912345678901234599',
    'https://www.zhihu.com/question/1/answer/2',
    'https://zhuanlan.zhihu.com/p/700000001',
    'https://mp.weixin.qq.com/mp/infringement?x=1',
    'https://www.douban.com/misc/report?id=1',
    'https://jubao.baidu.com/jubao/',
    'https://www.piyao.org.cn/jubao/index.html',
  ];

  it('every profile host is covered here', () => {
    const hosts = new Set(PAGES.map((u) => new URL(u).hostname));
    for (const profile of Object.values(SITE_PROFILES)) for (const host of profile.hosts) expect(hosts, host).toContain(host);
  });

  it.each(PAGES)('%s is a destination page at https, and not at http, another port or with credentials', (url) => {
    expect(matchPage(url)).toBeDefined();
    const u = new URL(url);
    expect(matchPage(url.replace(/^https:/, 'http:'))).toBeUndefined();
    expect(matchPage(`https://${u.hostname}:444${u.pathname}${u.search}`)).toBeUndefined();
    expect(matchPage(`https://x:y@${u.hostname}${u.pathname}${u.search}`)).toBeUndefined();
  });
});
