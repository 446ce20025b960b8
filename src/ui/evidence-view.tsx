// Shows a report's captured items and evidence. Captured text is page data: it is only ever rendered as
// text nodes (Preact escapes it), and links are only made from validated http(s) URLs.
import { useEffect, useState } from 'preact/hooks';
import type { ArtifactMeta, Report } from '../model/report';
import type { CapturedPost, ScreenshotMissing } from '../model/captured-post';
import type { RetakeOutcome } from '../messaging/messages/capture';
import type { ReportStore } from '../storage/report-store';
import type { Translate } from '../i18n/i18n';

/** A retake of a missing screenshot: under way, or what became of it. */
export type RetakeState = RetakeOutcome | 'working';

export function ItemSummary({
  report,
  t,
  onRetake,
  retakes = {},
}: {
  report: Report;
  t: Translate;
  /** Offered where an item has no screenshot (the form, while the report can still change). */
  onRetake?: (itemIndex: number, reason: ScreenshotMissing) => void;
  retakes?: Record<number, RetakeState>;
}) {
  return (
    <div class="items">
      {report.items.map((item, index) => (
        <section class="item" key={index} data-testid="captured-item">
          {item.title ? (
            <div class="item-title" data-testid="item-title">
              {item.title}
            </div>
          ) : null}
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
          <ItemContext context={item.context} t={t} />
          {item.screenshotMissing ? (
            <MissingScreenshot reason={item.screenshotMissing} state={retakes[index]} t={t} onRetake={onRetake && (() => onRetake(index, item.screenshotMissing!))} />
          ) : retakes[index] === 'added' ? (
            <p class="ok small" role="status" data-testid="retake-outcome" data-outcome="added">
              {t('retake_added')}
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}

/**
 * What the item is about, marked as context (not the reported content): the post or video a comment belongs to,
 * the original a repost quotes, the comment a reply answers; the comments around it behind a disclosure.
 */
function ItemContext({ context, t }: { context: CapturedPost['context']; t: Translate }) {
  if (!context.length) return null;
  const main = context.filter((c) => c.role !== 'around');
  const around = context.filter((c) => c.role === 'around');
  const entry = (c: CapturedPost['context'][number], i: number) => (
    <li key={i} class="context-item" data-testid="context-item" data-role={c.role} data-kind={c.kind}>
      <span class="context-role">{t(`context_${c.role}_${c.kind === 'comment' ? 'comment' : 'post'}`)}</span>
      {c.title ? <strong class="context-title"> {c.title}</strong> : null}
      {c.author?.name ? <span class="muted"> · {c.author.name}</span> : null}
      {c.text ? <p class="context-text">{clipText(c.text, 240)}</p> : null}
      {c.permalink ? (
        <a class="item-link" href={c.permalink} target="_blank" rel="noopener noreferrer">
          {c.permalink}
        </a>
      ) : null}
    </li>
  );
  return (
    <div class="item-context" data-testid="item-context">
      <p class="context-heading">{t('contextHeading')}</p>
      {main.length ? <ul class="context-list">{main.map(entry)}</ul> : null}
      {around.length ? (
        <details class="context-around">
          <summary>{t('contextAround', around.length)}</summary>
          <ul class="context-list">{around.map(entry)}</ul>
        </details>
      ) : null}
    </div>
  );
}

const clipText = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s);

const key = (prefix: string, value: string) => `${prefix}${value.replaceAll('-', '_')}`;

/** Where the evidence is listed: the screenshot this item lacks, why, and the way to take it now. */
function MissingScreenshot({ reason, state, t, onRetake }: { reason: ScreenshotMissing; state: RetakeState | undefined; t: Translate; onRetake: (() => void) | undefined }) {
  // The browser pictures no such page at all: nothing to offer.
  const canRetake = onRetake && reason !== 'restricted-page';
  return (
    <div class="shot-missing" data-testid="screenshot-missing" data-reason={reason}>
      <p class="shot-missing-title">{t(key('shotMissing_', reason))}</p>
      {canRetake ? (
        <>
          <p class="muted small">{t('shotMissingWhy')}</p>
          <button type="button" class="small" data-testid="retake-screenshot" disabled={state === 'working' || state === 'waiting'} onClick={onRetake}>
            {t(reason === 'no-permission' ? 'shotGrantAndRetake' : 'shotRetake')}
          </button>
        </>
      ) : null}
      {state ? (
        <p class={state === 'working' || state === 'waiting' ? 'muted small' : 'small'} role="status" data-testid="retake-outcome" data-outcome={state}>
          {t(key('retake_', state))}
        </p>
      ) : null}
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
