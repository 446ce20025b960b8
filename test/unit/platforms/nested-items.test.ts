// Nested items (issue 23, class 2) in the content script's button layer (happy-dom): a reply inside its parent's
// element (Douyin's comment-item in a comment-item, Tieba's 楼中楼 in the floor) is an item of its own, the one
// an element inside it belongs to; it gets exactly one button, placed on itself, whether it arrives while the
// page is watched or after the person has scrolled (then where the pointer goes); its parent keeps its own one.
// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { attachReportButtons } from '../../../extension/content/report-buttons';
import { loadPlatformFinder, type ItemFinder } from '../../../extension/content/item-finder';
import { platformForUrl } from '../../../src/platforms/registry';

const SITES = path.join(process.cwd(), 'test/fixtures/sites');

/** A replica's body without its scripts; its late content stays in its templates until `arrive` is called. */
function page(file: string): string {
  return readFileSync(path.join(SITES, file), 'utf8')
    .replace(/<script[\s\S]*?<\/script>|<link[^>]*>/g, '')
    .replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g, '');
}

/** The late content of #id arrives, as the page's script puts it there. */
function arrive(id: string): void {
  const template = document.getElementById(`${id}-later`) as HTMLTemplateElement;
  document.getElementById(id)!.append(template.content.cloneNode(true));
}

let douyin: ItemFinder;
let tieba: ItemFinder;
beforeAll(async () => {
  douyin = await loadPlatformFinder(platformForUrl('https://www.douyin.com/video/7440000000000000002')!);
  tieba = await loadPlatformFinder(platformForUrl('http://tieba.baidu.com/p/9100000002')!);
  Element.prototype.scrollIntoView ??= () => undefined;
});

let controller: AbortController | undefined;
afterEach(() => controller?.abort());

function attach(finder: ItemFinder): void {
  controller = new AbortController();
  attachReportButtons(document, {
    signal: controller.signal,
    finder,
    label: '举报',
    busyLabel: '…',
    doneLabel: '✓',
    doneNoScreenshotLabel: '✓',
    doneNoScreenshotHint: '',
    failedLabel: '!',
    send: async () => ({ ok: true, reportId: 'r' }),
    contextCount: async () => 2,
  });
}

const settle = () => new Promise((r) => setTimeout(r, 50));

/** Each button's nearest marked item (data-fixture) and its item type, sorted. */
function buttonsByFixture(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const b of Array.from(document.querySelectorAll('[data-report-assistant="report"]'))) {
    const key = b.closest('[data-fixture]')?.getAttribute('data-fixture') ?? '(none)';
    (out[key] ??= []).push(b.getAttribute('data-item') ?? '?');
  }
  return out;
}

let moves = 0;
const pointerMove = (el: Element) => el.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, composed: true, clientX: ++moves, clientY: moves }));
const at = (fixture: string) => document.querySelector(`[data-fixture="${fixture}"]`)!;

describe('nested items: the nearest enclosing item is the one, with its own button', () => {
  it('Douyin: an element in a reply belongs to the reply, one in the parent comment to the comment', () => {
    document.body.innerHTML = page('www.douyin.com/video/7440000000000000002/index.html');
    arrive('dyf-comments');
    arrive('dyf-c1-replies');
    const replyText = at('dyf-r1').querySelector('.C7LroK_h span span')!;
    expect(douyin.enclosing(replyText)).toMatchObject({ el: at('dyf-r1'), key: 'douyin:reply' });
    expect(douyin.enclosing(at('dyf-c1').querySelector('.C7LroK_h span')!)).toMatchObject({ el: at('dyf-c1'), key: 'douyin:comment' });
    // A reply's slot is inside the reply; the parent's is its own author line, not a reply's.
    expect(at('dyf-r1').contains(douyin.enclosing(replyText)!.slot)).toBe(true);
    const parentSlot = douyin.enclosing(at('dyf-c1'))!.slot;
    expect(parentSlot.closest('[data-fixture]')).toBe(at('dyf-c1'));
    // The page-wide scan finds each once.
    expect(douyin.find(document).map((f) => `${f.el.getAttribute('data-fixture')}:${f.key}`)).toEqual([
      'dyf-video:douyin:video',
      'dyf-c1:douyin:comment',
      'dyf-r1:douyin:reply',
      'dyf-r2:douyin:reply',
      'dyf-c2:douyin:comment',
    ]);
  });

  it('Douyin: replies opening while the page is watched get one button each, on themselves', async () => {
    document.body.innerHTML = page('www.douyin.com/video/7440000000000000002/index.html');
    attach(douyin);
    expect(buttonsByFixture()).toEqual({ 'dyf-video': ['douyin:video'] });
    arrive('dyf-comments');
    await settle();
    expect(buttonsByFixture()).toEqual({ 'dyf-video': ['douyin:video'], 'dyf-c1': ['douyin:comment'], 'dyf-c2': ['douyin:comment'] });
    arrive('dyf-c1-replies');
    await settle();
    expect(buttonsByFixture()).toEqual({
      'dyf-video': ['douyin:video'],
      'dyf-c1': ['douyin:comment'],
      'dyf-r1': ['douyin:reply'],
      'dyf-r2': ['douyin:reply'],
      'dyf-c2': ['douyin:comment'],
    });
  });

  it('Douyin: replies opening after a scroll get theirs where the pointer goes; pointing again adds none', async () => {
    document.body.innerHTML = page('www.douyin.com/video/7440000000000000002/index.html');
    arrive('dyf-comments');
    attach(douyin);
    document.dispatchEvent(new Event('scroll'));
    arrive('dyf-c1-replies');
    await settle();
    expect(buttonsByFixture()['dyf-r1']).toBeUndefined();
    const text = at('dyf-r1').querySelector('.C7LroK_h span span')!;
    pointerMove(text);
    pointerMove(at('dyf-r1'));
    pointerMove(at('dyf-c1').querySelector('.C7LroK_h')!);
    for (const el of Array.from(at('dyf-r2').querySelectorAll('*'))) pointerMove(el);
    expect(buttonsByFixture()).toEqual({
      'dyf-video': ['douyin:video'],
      'dyf-c1': ['douyin:comment'],
      'dyf-r1': ['douyin:reply'],
      'dyf-r2': ['douyin:reply'],
      'dyf-c2': ['douyin:comment'],
    });
  });

  it('Tieba: 楼中楼 loaded into a floor get one button each; the floor keeps its own', async () => {
    document.body.innerHTML = page('tieba.baidu.com/p/9100000002/index.html');
    attach(tieba);
    const before = { 'tbf-f1': ['tieba:floor'], 'tbf-f2': ['tieba:floor'], 'tbf-l1': ['tieba:lzl-reply'], 'tbf-l2': ['tieba:lzl-reply'], 'tbf-f3': ['tieba:floor'] };
    expect(buttonsByFixture()).toEqual(before);
    arrive('tbf-f3-lzl');
    await settle();
    expect(buttonsByFixture()).toEqual({ ...before, 'tbf-l3': ['tieba:lzl-reply'] });
    expect(tieba.enclosing(at('tbf-l3').querySelector('.lzl_content_main')!)).toMatchObject({ el: at('tbf-l3'), key: 'tieba:lzl-reply' });
    expect(tieba.enclosing(at('tbf-f3').querySelector('.d_post_content')!)).toMatchObject({ el: at('tbf-f3'), key: 'tieba:floor' });
  });
});
