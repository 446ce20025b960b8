// 此网站的页面结构可能已更新: shown in the form when the worker was told that the page the person is on (the tab in
// front, or, for the form in a tab of its own, the web page used last in this window) has a layout its
// platform's adapter does not know. Two ways on: the element picker, and the structure diagnosis for a
// maintainer (a file with the page's structure only; src/capture/page-structure.ts).
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../lib/browser';
import type { Translate } from '../../src/i18n/i18n';
import type { Responses } from '../../src/messaging/protocol';

const pageKey = (url: string | undefined) => (url ?? '').replace(/#.*$/, '');
const isWeb = (url: string | undefined) => /^https?:/i.test(url ?? '');

async function flaggedPage(): Promise<{ tabId: number; host: string } | undefined> {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  const tab = isWeb(active?.url)
    ? active
    : (await browser.tabs.query({ currentWindow: true })).filter((t) => isWeb(t.url)).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  if (tab?.id === undefined) return undefined;
  const got = (await browser.storage.session.get('siteLayoutUnknown').catch(() => ({}))) as { siteLayoutUnknown?: Record<string, { url: string }> };
  const flag = got.siteLayoutUnknown?.[String(tab.id)];
  return flag && flag.url === pageKey(tab.url) ? { tabId: tab.id, host: new URL(tab.url!).hostname } : undefined;
}

export function SiteChangedNotice({ t }: { t: Translate }) {
  const [page, setPage] = useState<{ tabId: number; host: string }>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  useEffect(() => {
    void flaggedPage().then(setPage, () => undefined);
  }, []);
  if (!page) return null;
  const exportStructure = async () => {
    const answer = (await browser.runtime.sendMessage({ type: 'export-page-structure', payload: { tabId: page.tabId } }).catch(() => undefined)) as
      | Responses['export-page-structure']
      | undefined;
    if (!answer?.ok) {
      setResult({ ok: false, text: t('siteChanged_exportFailed') });
      return;
    }
    const blob = new Blob([JSON.stringify(answer.structure, null, 1)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `page-structure-${page.host}-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setResult({ ok: true, text: t('siteChanged_exportDone') });
  };
  return (
    <div class="notice site-changed" role="status" data-testid="site-changed">
      <p>{t('siteChanged_notice')}</p>
      <div class="actions">
        <button
          type="button"
          class="small"
          data-testid="site-changed-picker"
          onClick={() => void browser.runtime.sendMessage({ type: 'pick-element-in-tab', payload: { tabId: page.tabId } }).then(() => window.close(), () => undefined)}
        >
          {t('siteChanged_picker')}
        </button>
        <button type="button" class="small" data-testid="site-changed-export" onClick={() => void exportStructure()}>
          {t('siteChanged_export')}
        </button>
      </div>
      {result ? (
        <p class={result.ok ? 'ok small' : 'error small'} data-testid="site-changed-result">
          {result.text}
        </p>
      ) : null}
    </div>
  );
}
