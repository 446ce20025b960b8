// Random and hostile DOM against every adapter (fast-check): finding items and extracting them never throws,
// never hangs, and gives either a record that passes the same schema the worker checks, or a clear "not found".
// Two sources of DOM: trees built from the adapters' own vocabulary (the classes, ids and attributes their
// selectors name, so the code paths are really taken), and the replica pages with random damage.
// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PLATFORMS } from '../../../src/platforms/registry';
import { extractItem, findItems } from '../../../src/platforms/extract';
import type { PlatformAdapter } from '../../../src/platforms/types';
import { CapturedPostSchema } from '../../../src/model/captured-post';

const SITES = path.join(process.cwd(), 'test/fixtures/sites');
const adapters: PlatformAdapter[] = [];

beforeAll(async () => {
  for (const p of PLATFORMS) adapters.push((await p.load()).default);
});

const HOSTILE_TEXT = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  '\u202e\u200b\u0000\ufeff',
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦',
  '刚刚',
  '99999999999999999999万',
  '昨天 99:99',
  '2月30日',
  '1.2万',
  'x'.repeat(3000),
  '{"author":{"user_id":1},"content":{"post_id":"<b>"}}',
  '{"broken":',
  '__proto__',
  'constructor',
];
const HOSTILE_URLS = [
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  '//evil.example/x',
  'https://user:pass@weibo.com/1/AbCdEfGhI?access_token=secret#access_token=x',
  'http://[::1',
  `https://weibo.com/${'a'.repeat(5000)}`,
  '/u/1850000001',
  '/video/BV1L9Uoa9EUx',
  '/question/1/answer/2',
  '/explore/6740aa000000000001000001',
  '/home/main?id=tb.1.x',
  '/people/someone/',
  '/user/profile/5e0000000000000000000a01',
  '/status/4999123456789012',
  'mailto:a@b.c',
];

/** Class names, ids and attribute names/values that the adapters' selectors mention. */
function vocabulary(adapter: PlatformAdapter) {
  const text = JSON.stringify(adapter.items, (_k, value: unknown) => (value instanceof RegExp ? value.source : value));
  const classes = new Set<string>();
  const ids = new Set<string>();
  const attrs = new Set<string>(['href', 'src', 'data-src', 'title', 'datetime', 'content', 'style', 'data-field', 'itemprop']);
  const values = new Set<string>();
  for (const m of text.matchAll(/\.([A-Za-z_][\w-]*)/g)) classes.add(m[1]!);
  for (const m of text.matchAll(/#([A-Za-z_][\w-]*)/g)) ids.add(m[1]!);
  for (const m of text.matchAll(/\[([\w-]+)(?:[*^$~|]?=\\?"([^"\\]*)\\?")?\]/g)) {
    attrs.add(m[1]!);
    if (m[2]) values.add(m[2]);
  }
  // Class prefixes used with [class*=…]: make them look like CSS-module names.
  for (const m of text.matchAll(/\[class\*=\\"([\w-]+)\\"\]/g)) classes.add(`${m[1]}_3v9LH`);
  return { classes: [...classes], ids: [...ids], attrs: [...attrs], values: [...values] };
}

const TAGS = ['div', 'span', 'a', 'article', 'section', 'header', 'footer', 'img', 'video', 'p', 'h1', 'h3', 'h4', 'li', 'ul', 'meta', 'time', 'button', 'em', 'i', 'br', 'figure', 'source'];

interface NodeSpec {
  tag: string;
  classes: string[];
  id?: string;
  attrs: Array<[string, string]>;
  text?: string;
  children: readonly NodeSpec[];
}

function treeArb(adapter: PlatformAdapter): fc.Arbitrary<readonly NodeSpec[]> {
  const vocab = vocabulary(adapter);
  const value = fc.oneof(
    fc.constantFrom(...HOSTILE_URLS),
    fc.constantFrom(...HOSTILE_TEXT),
    vocab.values.length ? fc.constantFrom(...vocab.values) : fc.constant('x'),
    fc.string({ maxLength: 20 }),
    fc.integer({ min: 0, max: 1e12 }).map(String),
  );
  const { node } = fc.letrec<{ node: NodeSpec }>((tie) => ({
    node: fc.record({
      tag: fc.constantFrom(...TAGS),
      classes: fc.array(fc.constantFrom(...vocab.classes, 'x'), { maxLength: 3 }),
      id: fc.option(fc.constantFrom(...vocab.ids, 'y'), { nil: undefined }),
      attrs: fc.array(fc.tuple(fc.constantFrom(...vocab.attrs), value), { maxLength: 4 }),
      text: fc.option(fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 30 })), { nil: undefined }),
      // Depth-bounded: past depth 5 a node has no children.
      children: fc.oneof({ maxDepth: 5, depthIdentifier: 'tree' }, fc.constant<NodeSpec[]>([]), fc.array(tie('node') as fc.Arbitrary<NodeSpec>, { maxLength: 4 })),
    }),
  }));
  return fc.array(node, { minLength: 1, maxLength: 4 });
}

function build(doc: Document, specs: readonly NodeSpec[], parent: Element, depth = 0): void {
  for (const s of specs) {
    const el = doc.createElement(s.tag);
    if (s.classes.length) el.setAttribute('class', s.classes.join(' '));
    if (s.id) el.id = s.id;
    for (const [name, value] of s.attrs) {
      try {
        el.setAttribute(name, value);
      } catch {
        // an attribute name the DOM refuses is simply not there
      }
    }
    if (s.text) el.append(s.text);
    parent.append(el);
    if (depth < 12) build(doc, s.children, el, depth + 1);
  }
}

const PAGE_URLS: Record<string, string> = {
  weibo: 'https://weibo.com/1850000001/PcQx7aB3k',
  bilibili: 'https://www.bilibili.com/video/BV1L9Uoa9EUx/',
  zhihu: 'https://www.zhihu.com/question/600000001',
  douyin: 'https://www.douyin.com/video/7440000000000000001',
  tieba: 'https://tieba.baidu.com/p/9100000001',
  xiaohongshu: 'https://www.xiaohongshu.com/explore/6740aa000000000001000001',
  douban: 'https://www.douban.com/group/topic/310000001/',
  toutiao: 'https://www.toutiao.com/article/7440000000000000101/',
  wechat: 'https://mp.weixin.qq.com/s/Xk3mTq9sScamArticle01',
};

/** Runs the adapter over the whole document and checks every outcome. Returns how many records it made. */
function exercise(adapter: PlatformAdapter, now: Date, contextCount: number): number {
  const options = { pageUrl: PAGE_URLS[adapter.id]!, pageTitle: document.title || 't', now, contextCount };
  let records = 0;
  const found = findItems(adapter, document);
  const candidates: Array<[Element, (typeof found)[number]['spec'] | undefined]> = found.map((f) => [f.el, f.spec]);
  // Also elements that are no item at all: the adapter must say so, not make something up.
  for (const el of Array.from(document.body.querySelectorAll('*')).slice(0, 30)) candidates.push([el, undefined]);
  for (const [el, spec] of candidates) {
    const result = extractItem(adapter, el, spec, options);
    if (result.ok) {
      const parsed = v.safeParse(CapturedPostSchema, result.post);
      if (!parsed.success) {
        throw new Error(`${adapter.id}: invalid record ${JSON.stringify(parsed.issues.map((i) => [i.path?.map((p) => p.key).join('.'), i.message]))}`);
      }
      expect(result.post.platform).toBe(adapter.id);
      records++;
    } else {
      expect(['not-found', 'empty']).toContain(result.reason);
      expect(result.detail.length).toBeGreaterThan(0);
    }
  }
  return records;
}

describe('every adapter on random and hostile DOM', () => {
  it('random trees from the adapters\' own vocabulary', { timeout: 120_000 }, () => {
    let records = 0;
    for (const adapter of adapters) {
      fc.assert(
        fc.property(treeArb(adapter), fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), fc.integer({ min: -5, max: 500 }), (trees, now, n) => {
          document.body.replaceChildren();
          build(document, trees, document.body);
          records += exercise(adapter, now, n);
        }),
        { numRuns: 40 },
      );
    }
    // The vocabulary makes adapters actually produce records, so the schema check is not vacuous.
    expect(records).toBeGreaterThan(50);
  });

  it('replica pages with random damage (nodes removed, attributes and text replaced)', { timeout: 180_000 }, () => {
    const pages: Array<{ platform: string; html: string }> = [];
    const walk = (dir: string, host: string) => {
      for (const f of readdirSync(dir)) {
        const full = path.join(dir, f);
        if (statSync(full).isDirectory()) walk(full, host);
        // The replicas' own scripts and stylesheets are not part of what the adapters read.
        else if (f.endsWith('.html'))
          pages.push({ platform: host, html: readFileSync(full, 'utf8').replace(/<script[\s\S]*?<\/script>|<link[^>]*>/g, '') });
      }
    };
    for (const host of readdirSync(SITES)) {
      const p = PLATFORMS.find((x) => x.matches.some((m) => new RegExp(`^\\*://(\\*\\.)?${m.split('://')[1]!.split('/')[0]!.replace('*.', '').replace(/\./g, '\\.')}$`).test(`*://${host}`) || m.includes(`//${host}/`) || m.includes(`*.${host.split('.').slice(-2).join('.')}/`)));
      if (p) walk(path.join(SITES, host), p.id);
    }
    expect(new Set(pages.map((p) => p.platform)).size).toBe(PLATFORMS.length);
    let records = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...pages),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('remove', 'attr', 'text', 'unwrap', 'duplicate'), fc.constantFrom(...HOSTILE_TEXT, ...HOSTILE_URLS)), { maxLength: 25 }),
        fc.integer({ min: 0, max: 20 }),
        (page, damage, n) => {
          document.body.innerHTML = new DOMParser().parseFromString(page.html, 'text/html').body.innerHTML;
          for (const [at, kind, value] of damage) {
            const all = Array.from(document.body.querySelectorAll('*'));
            const el = all[at % Math.max(1, all.length)];
            if (!el) break;
            if (kind === 'remove') el.remove();
            else if (kind === 'attr') for (const a of Array.from(el.attributes).slice(0, 2)) el.setAttribute(a.name, value);
            else if (kind === 'text') el.textContent = value;
            else if (kind === 'unwrap') el.replaceWith(...Array.from(el.childNodes));
            else el.after(el.cloneNode(true));
          }
          records += exercise(adapters.find((a) => a.id === page.platform)!, new Date('2026-11-22T02:00:00Z'), n);
        },
      ),
      { numRuns: 80 },
    );
    expect(records).toBeGreaterThan(100);
  });

  it('deep nesting finishes', { timeout: 120_000 }, () => {
    for (const adapter of adapters) {
      document.body.replaceChildren();
      let cur: Element = document.body;
      for (let i = 0; i < 150; i++) {
        const next = document.createElement(i % 2 ? 'article' : 'div');
        next.className = 'reply-item item1 comment-item l_post j_l_post Feed_wrap_3v9LH';
        next.setAttribute('data-field', '{"content":{"post_no":1}}');
        cur.append(next);
        cur = next;
      }
      cur.textContent = '最深处';
      exercise(adapter, new Date(), 3);
    }
  });
});
