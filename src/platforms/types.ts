// The shape of platform knowledge. An adapter is data: which elements are posts, comments, accounts…,
// and where each field lives, as selector fallback arrays (the first selector that finds something wins).
// Anchors that survive redesigns come first: permalink hrefs, profile links, <time>, data-* and ARIA
// attributes, microdata; obfuscated class names only as a last resort.
import type { CapturedPost, ContentKind, PlatformId } from '../model/captured-post';

/** Alternatives, best first. */
export type Selectors = readonly string[];

/** Where an id comes from. The first capture group of `pattern` is the id (the whole value without one). */
export interface IdRule {
  key: string;
  /**
   * 'permalink' / 'page' / 'profile': the item's permalink, the page URL, the author's profile URL.
   * 'attr': attribute `attr` of the item itself, or of the first element matching `sel` inside it.
   * 'page' is read only for the page's own subject (see `pageWide`, and `isPageSubject` in extract.ts): on a
   * page with several items of the kind, the URL names at most one of them.
   */
  from: 'permalink' | 'page' | 'profile' | 'attr';
  sel?: Selectors;
  attr?: string;
  pattern?: RegExp;
  /**
   * The attribute holds JSON (Tieba's data-field, Zhihu's data-zop): a dotted path into it. Single-quoted
   * pseudo-JSON (Tieba's 楼中楼 data-field) is read too.
   */
  json?: string;
  /**
   * A 'page' id that names what the whole page is about (the thread every floor of a Tieba page is in), not
   * the item itself: read from the page URL for every item.
   */
  pageWide?: boolean;
}

export interface AuthorRule {
  /** The profile link (an `a[href]`, or a `meta[content]` in microdata). */
  link: Selectors;
  /** Where the shown name is, when it is not the link's text. */
  name?: Selectors;
  /**
   * Read the name from this attribute (title, content, alt) before the text. Only for attributes that hold
   * the name the page shows: an account's internal name (Tieba's `username`) is an id, not the name.
   */
  nameAttr?: readonly string[];
  /** Labels inside the name element that are not part of the name ("作者", "楼主" badges), removed first. */
  nameNoise?: Selectors;
  /** The account id inside the profile URL. */
  idPattern?: RegExp;
  /** Or inside an attribute of the link / item (e.g. data-user-id, data-usercard-mid). */
  idAttr?: readonly string[];
}

export interface TimeRule {
  /** The element that shows the time ("5分钟前", "11-20 08:00"). */
  shown: Selectors;
  /** A machine-readable copy (datetime, title, content, data-time attributes), when the page has one. */
  machine?: Selectors;
  /** Read the shown text from this attribute instead of the element's text. */
  shownAttr?: string;
}

/** One kind of reportable thing on a platform: a feed post, a comment, a floor, an account header… */
export interface ItemSpec {
  /** Unique within the adapter, e.g. "post", "comment", "lzl-reply", "user-header". */
  id: string;
  kind: ContentKind;
  /**
   * The item's element. Alternatives; an element inside another item of the same spec is part of it. A reply
   * nested in its parent's element (Douyin's comment-items, Tieba's 楼中楼) is a spec of its own, listed
   * before its parent's spec: an element matched by two specs is the first one's, and the nearest enclosing
   * item is the one an element belongs to.
   */
  find: Selectors;
  /**
   * Regions inside the item's element that are someone else's (a related-videos rail beside the video, a
   * recommendation list): nothing of the item is read from them.
   */
  exclude?: Selectors;
  /** Where the report button goes inside the item (appended); the item itself when absent or not found. */
  slot?: Selectors;
  /** Items that are only part of another (a reposted original): captured as context, no button of their own. */
  noButton?: boolean;
  /** Links whose href is the item's own permalink. */
  permalink?: Selectors;
  /**
   * The item is the page itself (a video page, an article): its permalink is the canonical page URL. Only
   * when it is the page's own subject: the one item of this spec in the page (an element of the spec among
   * several, a feed's slides, is not the page).
   */
  permalinkFromPage?: boolean;
  /**
   * The item's permalink built from its ids, e.g. "https://www.douyin.com/video/{awemeId}", when no link in
   * the item gives it. Comes before `permalinkFromPage` (a single-page app's canonical link can be stale).
   */
  permalinkTemplate?: string;
  ids?: readonly IdRule[];
  author?: AuthorRule;
  title?: Selectors;
  /** The shown text. */
  text?: Selectors;
  /** The complete text when the page keeps it in the DOM beside a folded copy (hidden until "展开全文"). */
  fullText?: Selectors;
  /**
   * Controls that say the text is cut and the rest must be fetched ("展开" on the new Weibo). When one is
   * present and no `fullText` is, the record is marked `truncated`. They are never clicked.
   */
  foldMarker?: Selectors;
  /** Removed before the text is read: expand/collapse controls, counters, labels. */
  noise?: Selectors;
  time?: TimeRule;
  /** Images and videos (or containers of them) that are the item's content, not avatars or emoji. */
  media?: Selectors;
  /** Visible counts by name: reposts, comments, likes, views, coins, favorites, shares… */
  engagement?: Readonly<Record<string, Selectors>>;
  /** Spec id of a nested item that this one quotes or reposts. */
  quoted?: string;
  /** Spec ids of the item a comment belongs to: its nearest ancestor of those, else the page's first. */
  parent?: readonly string[];
  /** Capture the N items of the same spec before and after this one (comments, floors). */
  around?: boolean;
}

/** A platform adapter: what `src/platforms/<id>/index.ts` exports as default. */
export interface PlatformAdapter {
  id: Exclude<PlatformId, 'generic'>;
  items: readonly ItemSpec[];
  /**
   * Elements whose open shadow roots hold items (web components): the content script scans and watches
   * those shadow roots too. Field selectors reach into shadow roots with ">>>" (see extract.ts `deepAll`).
   */
  shadowHosts?: Selectors;
  /**
   * What data cannot say, applied after extraction: e.g. Weibo's base-62 post ids, Tieba's floor 1 being
   * the thread itself. It must not throw on odd input (it is given whatever the page holds).
   */
  refine?(record: CapturedPost, el: Element, spec: ItemSpec): void;
}

/** A report entry of the platform (domain.md), as a URL template with {placeholders}. */
export interface ReportEntry {
  kind: ContentKind;
  /** e.g. "https://service.account.weibo.com/reportspam?rid={mid}&type=1" */
  url: string;
  /** The record id keys the placeholders are filled from, in order. */
  params: readonly string[];
  note?: string;
}

/** Where the knowledge came from: the real pages each selector / URL was written from. */
export interface Sources {
  pages: readonly string[];
  note?: string;
}

export type ExtractResult =
  | { ok: true; post: CapturedPost }
  | { ok: false; reason: 'not-found' | 'empty'; detail: string };

export interface ExtractOptions {
  pageUrl: string;
  pageTitle: string;
  now: Date;
  /** How many items of the same kind before and after a comment/floor go into its context. */
  contextCount: number;
}
