// Images a post carried are kept only when the person asks: the worker downloads them once, hashes and
// signs them (message `fetch-media`). Videos stay links. Not offered for URL-only (child abuse) reports.
import { useState } from 'preact/hooks';
import type { Report } from '../../model/report';
import type { Translate } from '../../i18n/i18n';

export type FetchMediaResult = { ok: true; stored: number; failed: number; skipped: number } | { ok: false; error: string; detail?: string };

export function MediaFetch({
  report,
  t,
  onFetch,
  onFetched,
}: {
  report: Report;
  t: Translate;
  onFetch: (reportId: string) => Promise<FetchMediaResult>;
  /** Called after images were stored, to show the new evidence. */
  onFetched: () => void;
}) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string; error: boolean }>({ kind: 'idle' });
  if (report.evidencePolicy === 'url-only') return null;
  const imageUrls = new Set(
    report.items.flatMap((item) => [...item.media, ...item.context.flatMap((c) => c.media ?? [])]).filter((m) => m.type === 'image').map((m) => m.url),
  );
  const stored = new Set(report.evidence.filter((e) => e.kind === 'media' && e.sourceUrl).map((e) => e.sourceUrl));
  const pending = [...imageUrls].filter((url) => !stored.has(url)).length;
  if (pending === 0 && state.kind !== 'done') return null;

  const fetchNow = async () => {
    setState({ kind: 'busy' });
    const result = await onFetch(report.id).catch((err: unknown): FetchMediaResult => ({ ok: false, error: 'errorInternal', detail: String(err) }));
    if (result.ok) {
      setState({ kind: 'done', text: t('media_fetchResult', result.stored, result.failed), error: result.failed > 0 && result.stored === 0 });
      onFetched();
    } else {
      setState({ kind: 'done', text: t('media_fetchFailed', t(result.error) + (result.detail ? ` (${result.detail})` : '')), error: true });
    }
  };

  return (
    <div class="media-fetch">
      {pending > 0 ? (
        <>
          <button type="button" onClick={() => void fetchNow()} disabled={state.kind === 'busy'} data-testid="fetch-media" aria-describedby="media-fetch-hint">
            {state.kind === 'busy' ? t('media_fetching') : t('media_fetchButton', pending)}
          </button>
          <p id="media-fetch-hint" class="muted small">
            {t('media_fetchHint')}
          </p>
        </>
      ) : null}
      {state.kind === 'done' ? (
        <p role="status" class={state.error ? 'error' : 'ok'} data-testid="fetch-media-result">
          {state.text}
        </p>
      ) : null}
    </div>
  );
}
