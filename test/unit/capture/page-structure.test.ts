// @vitest-environment happy-dom
// The page-structure diagnosis keeps a page's structure and none of what it says or links to.
import { describe, expect, it } from 'vitest';
import { pageStructure } from '../../../src/capture/page-structure';

describe('page structure diagnosis', () => {
  it('keeps tags, ids, classes, data-/aria- names and short identifier values; drops text, links, names and long numbers', () => {
    history.replaceState(null, '', '/1850000001/PcQx7aB3k?refer=abc#c1');
    document.body.innerHTML = `
      <main id="app" class="Main_full_1dfQX">
        <article class="Feed_wrap_3v9LH x" data-mid="4999123456789012" data-type="feed" aria-label="张三的微博" role="article" data-url="https://weibo.com/x">
          <a href="https://weibo.com/u/1850000001" title="理财导师老王">理财导师老王</a>
          <p>加我微信 wx123456 进群</p>
          <script>secret()</script>
        </article>
        <div id="host"></div>
        <span data-report-assistant="report">举报</span>
      </main>`;
    const host = document.getElementById('host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<div class="inner-reply" data-rpid="246000000001">回复</div>';
    const out = pageStructure();
    const json = JSON.stringify(out);
    expect(out.pathPattern).toBe('/:n/:id');
    expect(json).toContain('"Feed_wrap_3v9LH"');
    expect(json).toContain('"data-type":"feed"');
    expect(json).toContain('"data-mid":"#"');
    expect(json).toContain('"aria-label":""');
    expect(json).toContain('"role":"article"');
    expect(json).toContain('"inner-reply"');
    expect(json).toContain('"data-rpid":"#"');
    for (const leak of ['张三', '理财导师老王', '加我微信', 'wx123456', 'https', 'weibo.com/u', 'PcQx7aB3k', '4999123456789012', 'secret', '举报', 'refer', '回复']) {
      expect(json, leak).not.toContain(leak);
    }
    expect(json).not.toContain('data-report-assistant');
  });

  it('stops at its limits and says so', () => {
    document.body.innerHTML = Array.from({ length: 300 }, (_, i) => `<div class="row r${i}"><span></span></div>`).join('');
    const out = pageStructure({ maxNodes: 50, maxChildren: 40, maxDepth: 60 });
    expect(out.nodes).toBe(50);
    expect(out.truncated).toBe(true);
  });
});
