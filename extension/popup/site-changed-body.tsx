// The site-change notice's body, loaded only when the page is flagged (site-changed-notice.tsx).
import { useState } from 'preact/hooks';
import { browser } from '../lib/browser';
import type { Translate } from '../../src/i18n/i18n';
import type { Responses } from '../../src/messaging/protocol';

export function SiteChangedBody({ t, page }: { t: Translate; page: { tabId: number; host: string } }) {
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
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
