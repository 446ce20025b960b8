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

export interface EvidenceEditing {
  onExclude: (artifactId: string, excluded: boolean) => void;
  /** Opens the blur/crop editor for a screenshot. */
  onRedact: (artifactId: string) => void;
}

export function EvidenceList({
  report,
  store,
  t,
  compact = false,
  editing,
}: {
  report: Report;
  store: ReportStore;
  t: Translate;
  compact?: boolean;
  /** In the form: each artifact can be left out, and screenshots blurred or cropped. */
  editing?: EvidenceEditing;
}) {
  return (
    <ul class={compact ? 'evidence compact' : 'evidence'} aria-label={t('evidenceHeading')}>
      {report.evidence.map((meta) => (
        <EvidenceItem key={meta.id} meta={meta} store={store} t={t} compact={compact} editing={editing} />
      ))}
    </ul>
  );
}

const kindLabel = (meta: ArtifactMeta) => `artifact_${meta.kind.replace('-', '_')}`;

function EvidenceItem({
  meta,
  store,
  t,
  compact,
  editing,
}: {
  meta: ArtifactMeta;
  store: ReportStore;
  t: Translate;
  compact: boolean;
  editing: EvidenceEditing | undefined;
}) {
  const url = useArtifactUrl(store, meta.mime.startsWith('image/') ? meta.id : undefined);
  const label = t(kindLabel(meta)) + (meta.derivedFrom ? ` · ${t('artifactRedacted')}` : '');
  return (
    <li
      class={meta.excluded ? 'evidence-item excluded' : 'evidence-item'}
      data-kind={meta.kind}
      data-artifact-id={meta.id}
      data-excluded={meta.excluded ? 'true' : 'false'}
      data-derived={meta.derivedFrom ? 'true' : 'false'}
      data-testid="evidence-item"
    >
      {url ? <img class="thumb" src={url} alt={label} /> : null}
      <div>
        <div>{label}</div>
        <div class="muted small">{formatBytes(meta.size)}</div>
        {compact ? null : (
          <code class="hash" title="SHA-256" data-testid="evidence-hash">
            {meta.sha256}
          </code>
        )}
        {editing ? (
          <div class="evidence-actions">
            <label class="check small">
              <input
                type="checkbox"
                checked={!meta.excluded}
                data-testid="evidence-include"
                onChange={(e) => editing.onExclude(meta.id, !(e.currentTarget as HTMLInputElement).checked)}
              />
              {t('evidenceInclude')}
              <span class="visually-hidden">: {label}</span>
            </label>
            {meta.mime.startsWith('image/') && (meta.kind === 'screenshot' || meta.kind === 'screenshot-full') ? (
              <button type="button" class="small" data-testid="evidence-redact" onClick={() => editing.onRedact(meta.id)}>
                {t('evidenceRedact')}
                <span class="visually-hidden">: {label}</span>
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** An object URL for an artifact's blob, revoked when the component goes away. */
export function useArtifactUrl(store: ReportStore, artifactId: string | undefined): string | undefined {
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
