// Shows a report's captured items and evidence. Captured text is page data: it is only ever rendered as
// text nodes (Preact escapes it), and links are only made from validated http(s) URLs.
import { useEffect, useState } from 'preact/hooks';
import type { ArtifactMeta, Report } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import type { Translate } from '../i18n/i18n';

export function ItemSummary({ report, t }: { report: Report; t: Translate }) {
  return (
    <div class="items">
      {report.items.map((item, index) => (
        <section class="item" key={index} data-testid="captured-item">
          <div class="item-head">
            <strong data-testid="item-author">{item.author?.name ?? t('unknownAuthor')}</strong>
            {item.publishedAtText ? <span class="muted"> · {item.publishedAtText}</span> : null}
          </div>
          <p class="item-text" data-testid="item-text">
            {item.text}
          </p>
          {item.permalink ? (
            <a class="item-link" href={item.permalink} target="_blank" rel="noopener noreferrer" data-testid="item-permalink">
              {item.permalink}
            </a>
          ) : null}
        </section>
      ))}
    </div>
  );
}

export function EvidenceList({
  report,
  store,
  t,
  compact = false,
}: {
  report: Report;
  store: ReportStore;
  t: Translate;
  compact?: boolean;
}) {
  return (
    <ul class={compact ? 'evidence compact' : 'evidence'} aria-label={t('evidenceHeading')}>
      {report.evidence.map((meta) => (
        <EvidenceItem key={meta.id} meta={meta} store={store} t={t} compact={compact} />
      ))}
    </ul>
  );
}

function EvidenceItem({ meta, store, t, compact }: { meta: ArtifactMeta; store: ReportStore; t: Translate; compact: boolean }) {
  const url = useArtifactUrl(store, meta.mime.startsWith('image/') ? meta.id : undefined);
  return (
    <li class="evidence-item" data-kind={meta.kind} data-testid="evidence-item">
      {url ? <img class="thumb" src={url} alt={t(`artifact_${meta.kind.replace('-', '_')}`)} /> : null}
      <div>
        <div>{t(`artifact_${meta.kind.replace('-', '_')}`)}</div>
        {compact ? null : (
          <code class="hash" title="SHA-256" data-testid="evidence-hash">
            {meta.sha256}
          </code>
        )}
      </div>
    </li>
  );
}

/** An object URL for an artifact's blob, revoked when the component goes away. */
function useArtifactUrl(store: ReportStore, artifactId: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!artifactId) return;
    let objectUrl: string | undefined;
    let cancelled = false;
    void store.getArtifact(artifactId).then((record) => {
      if (cancelled || !record) return;
      objectUrl = URL.createObjectURL(record.blob);
      setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [store, artifactId]);
  return url;
}
