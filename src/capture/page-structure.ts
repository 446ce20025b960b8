// The page-structure diagnosis (导出页面结构诊断): what a maintainer needs to turn a site's redesign into a
// replica — tag names, ids, classes, data-* and ARIA attribute names with short identifier-like values,
// nesting, open shadow roots — and nothing a person wrote or read there: no text, no URLs (only the host and
// the path's pattern), no value with spaces, non-ASCII letters or long digit runs (post and user ids).
// Self-contained: it runs in the page through `scripting.executeScript`, so it may use nothing from outside.

export interface StructureNode {
  /** Tag name, lower case. */
  t: string;
  id?: string;
  c?: string[];
  /** data-* and aria-* attributes (and role): name → value, '' when the value was not kept. */
  a?: Record<string, string>;
  /** Children of the element's open shadow root. */
  s?: StructureNode[];
  /** Children. */
  k?: StructureNode[];
  /** How many children were left out (past the per-parent limit). */
  more?: number;
}

export interface PageStructure {
  format: 'report-assistant/page-structure@1';
  host: string;
  /** The path with numbers and id-like segments replaced: /1850000001/PcQx7aB3k → /:n/:id. */
  pathPattern: string;
  /** Viewport size, to read the layout's breakpoints. */
  viewport: { width: number; height: number };
  nodes: number;
  truncated: boolean;
  root: StructureNode;
}

/** In the page: the document's structure. `limits` keep the file small on an endless feed. */
export function pageStructure(limits: { maxNodes: number; maxChildren: number; maxDepth: number } = { maxNodes: 6000, maxChildren: 40, maxDepth: 60 }): PageStructure {
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta']);
  const OPAQUE = new Set(['svg', 'canvas', 'video', 'audio', 'iframe', 'img', 'picture']);
  /** A value kept only when it is a short ASCII identifier without a long number in it. */
  const safe = (value: string): string => {
    const v = value.trim();
    if (!/^[A-Za-z0-9_:.-]{1,40}$/.test(v)) return '';
    return v.replace(/\d{5,}/g, '#');
  };
  const segment = (s: string): string => {
    if (/^\d+$/.test(s)) return ':n';
    if (s.length >= 6 && /\d/.test(s) && /^[\w-]+$/.test(s)) return ':id';
    return /^[A-Za-z_-]{1,40}$/.test(s) ? s : ':x';
  };
  let count = 0;
  let truncated = false;
  const walk = (el: Element, depth: number): StructureNode | null => {
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag)) return null;
    if (count >= limits.maxNodes) {
      truncated = true;
      return null;
    }
    count++;
    const node: StructureNode = { t: tag };
    const id = el.getAttribute('id');
    if (id) {
      const kept = safe(id);
      if (kept) node.id = kept;
    }
    const classes = Array.from(el.classList)
      .map(safe)
      .filter(Boolean);
    if (classes.length) node.c = classes.slice(0, 12);
    const attrs: Record<string, string> = {};
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('data-') || name.startsWith('aria-') || name === 'role') {
        // Our own marks are not the page's structure.
        if (name.startsWith('data-report-assistant')) continue;
        attrs[name.slice(0, 40)] = safe(attr.value);
      }
    }
    if (Object.keys(attrs).length) node.a = attrs;
    if (OPAQUE.has(tag) || depth >= limits.maxDepth) return node;
    const children = (parent: ParentNode): { list: StructureNode[]; more: number } => {
      const list: StructureNode[] = [];
      let more = 0;
      for (const child of Array.from(parent.children)) {
        if (list.length >= limits.maxChildren) {
          more++;
          continue;
        }
        const made = walk(child, depth + 1);
        if (made) list.push(made);
      }
      return { list, more };
    };
    const own = children(el);
    if (own.list.length) node.k = own.list;
    if (own.more) node.more = own.more;
    const shadow = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
    if (shadow) {
      const inner = children(shadow);
      if (inner.list.length) node.s = inner.list;
    }
    return node;
  };
  const root = walk(document.documentElement, 0) ?? { t: 'html' };
  return {
    format: 'report-assistant/page-structure@1',
    host: location.hostname,
    pathPattern: '/' + location.pathname.split('/').filter(Boolean).map(segment).join('/'),
    viewport: { width: window.innerWidth, height: window.innerHeight },
    nodes: count,
    truncated,
    root,
  };
}
