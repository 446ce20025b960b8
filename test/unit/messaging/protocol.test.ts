import { describe, expect, it } from 'vitest';
import { acceptMessage, classifySender } from '../../../src/messaging/protocol';

const OWN = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${OWN}/`;
const post = {
  platform: 'generic',
  kind: 'post',
  ids: { postId: '1' },
  pageUrl: 'https://example.com/feed',
  pageTitle: 'Feed',
  text: 'hello',
  media: [],
  context: [],
  capturedAt: '2026-11-22T01:02:03.000Z',
};
const capture = {
  type: 'capture-post',
  payload: { post, rect: { x: 0, y: 10, width: 300, height: 200 }, devicePixelRatio: 2, viewport: { width: 1000, height: 800 } },
};
const contentSender = { id: OWN, url: 'https://example.com/feed', tabId: 4, frameId: 0 };
const pageSender = { id: OWN, url: `${ORIGIN}extension/popup/index.html` };

describe('message protocol', () => {
  it('accepts a well-formed capture from a content script in a tab', () => {
    const result = acceptMessage(capture, contentSender, OWN, ORIGIN);
    expect(result).toMatchObject({ ok: true, tier: 'content', message: { type: 'capture-post' } });
  });

  it('rejects a capture from an extension page (wrong tier)', () => {
    const result = acceptMessage(capture, pageSender, OWN, ORIGIN);
    expect(result).toEqual({ ok: false, reason: 'capture-post not allowed from extension-page' });
  });

  it('rejects senders that are other extensions, sub-frames or unknown', () => {
    expect(classifySender({ ...contentSender, id: 'other' }, OWN, ORIGIN).ok).toBe(false);
    expect(classifySender({ ...contentSender, frameId: 3 }, OWN, ORIGIN).ok).toBe(false);
    expect(classifySender({ id: OWN }, OWN, ORIGIN).ok).toBe(false);
    expect(classifySender({ id: OWN, url: `${ORIGIN}x.html`, tabId: 2, frameId: 0 }, OWN, ORIGIN)).toEqual({
      ok: true,
      tier: 'extension-page',
    });
  });

  it.each([
    ['not an object', 'capture-post'],
    ['unknown type', { type: 'nope', payload: {} }],
    ['javascript: permalink', { ...capture, payload: { ...capture.payload, post: { ...post, permalink: 'javascript:alert(1)' } } }],
    ['data: page url', { ...capture, payload: { ...capture.payload, post: { ...post, pageUrl: 'data:text/html,hi' } } }],
    ['negative size', { ...capture, payload: { ...capture.payload, rect: { x: 0, y: 0, width: -1, height: 2 } } }],
    ['NaN ratio', { ...capture, payload: { ...capture.payload, devicePixelRatio: Number.NaN } }],
    ['huge text', { ...capture, payload: { ...capture.payload, post: { ...post, text: 'x'.repeat(200_001) } } }],
    ['bad time', { ...capture, payload: { ...capture.payload, post: { ...post, capturedAt: 'yesterday' } } }],
    ['extra platform', { ...capture, payload: { ...capture.payload, post: { ...post, platform: 'myspace' } } }],
  ])('rejects a malformed message: %s', (_name, raw) => {
    const result = acceptMessage(raw, contentSender, OWN, ORIGIN);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/malformed|not allowed/);
  });
});
