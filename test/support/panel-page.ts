// The inner-panel replica (test/fixtures/sites/panel/) set up for the browser tests of both drivers: an
// in-page function (self-contained, one argument: see in-page.ts), run through `inPage(page, fn, arg)`.

/**
 * Makes #post-after a block taller than the panel but not than the window (its body `bodyPx` tall), scrolls
 * its top just below the panel's sticky tab bar (where the mouse can reach its header), and says where
 * things are.
 */
export function blockTallerThanPanel(bodyPx: number): { x: number; height: number; headerY: number; panelHeight: number; panelTop: number } {
  document.querySelector<HTMLElement>('#post-after [itemprop="articleBody"]')!.style.height = `${bodyPx}px`;
  document.querySelector('#post-after')!.scrollIntoView({ block: 'start' });
  const feed = document.querySelector('#feed')!;
  feed.scrollTop -= 60;
  const r = document.querySelector('#post-after')!.getBoundingClientRect();
  const h = document.querySelector('#post-after header')!.getBoundingClientRect();
  return { x: r.x, height: r.height, headerY: h.y + h.height / 2, panelHeight: feed.clientHeight, panelTop: feed.getBoundingClientRect().top };
}
