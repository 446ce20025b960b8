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

function pathMatches(patternPath: string, path: string): boolean {
  const re = new RegExp(`^${patternPath.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

export function matchesUrl(pattern: string, url: string): boolean {
  const p = parseMatchPattern(pattern);
  if (!p) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const scheme = u.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p.scheme) return false;
  return hostMatches(p.host, u.hostname) && pathMatches(p.path, u.pathname + u.search);
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
