// Security (issue 24): the extension's pages (popup, form, dashboard, welcome, the worker) run under an
// explicit Content-Security-Policy, `script-src 'self'; object-src 'none'`, in both builds — not the
// browsers' defaults, which differ (Chromium's allows `object-src 'self'`). Read from the built manifests
// as shipped (npm run build writes dist/chrome and dist/firefox).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dist = path.join(root, process.env.RA_DIST_ROOT ?? 'dist');

/** The policy's directives by name: "script-src 'self'; object-src 'none'" → { 'script-src': ["'self'"], … }. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name!, values];
    }),
  );
}

describe.each(['chrome', 'firefox'])('the %s build', (browser) => {
  const file = path.join(dist, browser, 'manifest.json');

  it('has been built (npm run build)', () => {
    expect(existsSync(file), `${file} is missing: run npm run build`).toBe(true);
  });

  it("sets content_security_policy.extension_pages: script-src 'self'; object-src 'none'", () => {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { content_security_policy?: { extension_pages?: string } };
    const policy = manifest.content_security_policy?.extension_pages;
    expect(policy).toBeDefined();
    const d = directives(policy!);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    // Nothing that would let a page run code it did not ship with.
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
    if (browser === 'firefox') expect(Object.keys(d)).toEqual(['script-src', 'object-src', 'upgrade-insecure-requests']);
    else expect(Object.keys(d)).toEqual(['script-src', 'object-src']);
  });

  it('ships no page that needs more: no inline script and no remote script in any HTML file', () => {
    const html: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.html')) html.push(full);
      }
    };
    walk(path.join(dist, browser));
    expect(html.length).toBeGreaterThan(0);
    for (const f of html) {
      const text = readFileSync(f, 'utf8');
      for (const tag of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
        expect(tag, path.relative(dist, f)).toMatch(/^<script\b[^>]*\bsrc="\/[^"]+"[^>]*><\/script>$/);
      }
      expect(text, path.relative(dist, f)).not.toMatch(/\son[a-z]+=/i);
    }
  });
});
