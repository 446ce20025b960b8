// WebExtension match patterns ("*://*.weibo.com/*"), the same syntax as manifest.json, so the registry
// and the manifest can be compared and the content script can pick an adapter by URL.
// https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns

const PATTERN = /^(\*|https?):\/\/(\*|\*\.[a-z0-9.-]+|[a-z0-9.-]+)(\/.*)$/;

export interface ParsedPattern {
  scheme: '*' | 'http' | 'https';
  host: string;
  path: string;
}

export function parseMatchPattern(pattern: string): ParsedPattern | undefined {
  const m = PATTERN.exec(pattern);
  if (!m) return undefined;
  return { scheme: m[1] as ParsedPattern['scheme'], host: m[2]!, path: m[3]! };
}

function hostMatches(patternHost: string, host: string): boolean {
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === patternHost;
}

/** A pattern ready to test URLs with: parsed, and its path turned into a regular expression, once. */
interface CompiledPattern extends ParsedPattern {
  pathRe: RegExp;
}

const compiled = new Map<string, CompiledPattern | null>();
function compile(pattern: string): CompiledPattern | null {
  let c = compiled.get(pattern);
  if (c === undefined) {
    const p = parseMatchPattern(pattern);
    c = p ? { ...p, pathRe: new RegExp(`^${p.path.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`) } : null;
    compiled.set(pattern, c);
  }
  return c;
}

/** Whether an already parsed URL is matched by `pattern` (a page's URL is parsed once for every pattern). */
export function matchesParsedUrl(pattern: string, u: URL): boolean {
  const p = compile(pattern);
  if (!p) return false;
  const scheme = u.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p.scheme) return false;
  return hostMatches(p.host, u.hostname) && p.pathRe.test(u.pathname + u.search);
}

export function matchesUrl(pattern: string, url: string): boolean {
  const u = parseUrl(url);
  return u !== undefined && matchesParsedUrl(pattern, u);
}

export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Whether every URL that `inner` matches is also matched by `outer`. */
export function patternCovers(outer: string, inner: string): boolean {
  const o = parseMatchPattern(outer);
  const i = parseMatchPattern(inner);
  if (!o || !i) return false;
  if (o.scheme !== '*' && o.scheme !== i.scheme) return false;
  const hostOk =
    o.host === '*' ||
    o.host === i.host ||
    (o.host.startsWith('*.') && (i.host === o.host.slice(2) || i.host.endsWith(`.${o.host.slice(2)}`) || i.host.endsWith(o.host.slice(1))));
  return hostOk && (o.path === '/*' || o.path === i.path);
}
