import { describe, expect, it } from 'vitest';
import { sanitizeUrl } from '../../../src/capture/url';

describe('sanitizeUrl', () => {
  it('drops credentials, tracking parameters and token fragments', () => {
    expect(sanitizeUrl('https://user:pw@weibo.com/1/abc?utm_source=x&spm=1&id=7#access_token=zzz')).toBe('https://weibo.com/1/abc?id=7');
    expect(sanitizeUrl('https://www.bilibili.com/video/BV1xx?spm_id_from=333&vd_source=aa&p=2')).toBe(
      'https://www.bilibili.com/video/BV1xx?p=2',
    );
    expect(sanitizeUrl('https://example.com/a?token=secret&q=1#comment-3')).toBe('https://example.com/a?q=1#comment-3');
  });
  it('refuses non-web URLs', () => {
    expect(sanitizeUrl('javascript:alert(1)')).toBeUndefined();
    expect(sanitizeUrl('file:///etc/passwd')).toBeUndefined();
    expect(sanitizeUrl('not a url')).toBeUndefined();
  });
});
