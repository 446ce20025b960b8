// 此网站的页面结构可能已更新: shown in the form when the worker was told that the page the person is on (the tab in
// front, or, for the form in a tab of its own, the web page used last in this window) has a layout its
// platform's adapter does not know. Two ways on: the element picker, and the structure diagnosis for a
// maintainer (a file with the page's structure only; src/capture/page-structure.ts).
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../lib/browser';
import { pageKey, readSessionMap } from '../lib/session-state';
import type { Translate } from '../../src/i18n/i18n';

const isWeb = (url: string | undefined) => /^https?:/i.test(url ?? '');

async function flaggedPage(): Promise<{ tabId: number; host: string } | undefined> {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  const tab = isWeb(active?.url)
    ? active
    : (await browser.tabs.query({ currentWindow: true })).filter((t) => isWeb(t.url)).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  if (tab?.id === undefined) return undefined;
  const flag = (await readSessionMap<Record<string, { url: string }>>('siteLayoutUnknown'))[String(tab.id)];
  return flag && flag.url === pageKey(tab.url) ? { tabId: tab.id, host: new URL(tab.url!).hostname } : undefined;
}

type Body = typeof import('./site-changed-body').SiteChangedBody;

export function SiteChangedNotice({ t }: { t: Translate }) {
  const [page, setPage] = useState<{ tabId: number; host: string }>();
  const [Body, setBody] = useState<Body>();
  useEffect(() => {
    void flaggedPage().then(async (flagged) => {
      if (!flagged) return;
      const { SiteChangedBody } = await import('./site-changed-body');
      setBody(() => SiteChangedBody);
      setPage(flagged);
    }, () => undefined);
  }, []);
  return page && Body ? <Body t={t} page={page} /> : null;
}
