// The benchmark's 1,000-post Weibo feed (scripts/bench/content-script.ts) as a replica for the browser tests
// of what the content script does on a feed scrolled at speed, with in-page functions both drivers can run
// (self-contained, one argument: see in-page.ts).
import type { FixtureServer } from './fixture-server';
import { FEED } from '../../scripts/bench/content-script';

export const LONG_FEED_PATH = '/long-feed';

/** Serves the feed at LONG_FEED_PATH (open it at http://weibo.com/long-feed). */
export function serveLongFeed(server: FixtureServer): void {
  server.handlers.push((req, res) => {
    // Through Firefox's proxy the request line holds the whole URL.
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== LONG_FEED_PATH) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(FEED);
    return true;
  });
}

/** How many report buttons each post in [from, to) holds. */
export function feedButtons(range: { from: number; to: number }): number[] {
  return Array.from(document.getElementById('list')!.children)
    .slice(range.from, range.to)
    .map((post) => post.querySelectorAll('[data-report-assistant="report"]').length);
}

/** A fast scroll to the bottom, one frame per step, until `posts` posts have loaded. */
export async function flickUntilLoaded(posts: number): Promise<void> {
  const shown = (window as unknown as { __shown(): number }).__shown;
  while (shown() < posts) {
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Scrolls post `index` into view. */
export function scrollToPost(index: number): void {
  document.getElementById('list')!.children[index]!.scrollIntoView();
}
