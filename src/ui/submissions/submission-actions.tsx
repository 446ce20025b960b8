// What the person sees and can do for one submission: its state in words (why it waits, until when, the
// destination's own message, the receipt), and the actions that are theirs — open the destination's page,
// write the e-mail, copy the text, download the evidence pack, say "I sent it", retry, cancel.
// Include it wherever a submission is listed (dashboard card, popup after submitting).
import { useState } from 'preact/hooks';
import type { Submission } from '../../model/submission';
import type { ArtifactRecord } from '../../model/report';
import type { DestinationAction, SubmittableReport } from '../../destinations/adapters/destination-adapter';
import { buildEvidencePack } from '../../destinations/evidence-pack';
import { formatTime, type Locale, type Translate } from '../../i18n/i18n';

type ActionAnswer = { ok: true; submission: Submission; action?: DestinationAction } | { ok: false; error: string; detail?: string };

export interface SubmissionActionsProps {
  submission: Submission;
  report: SubmittableReport;
  t: Translate;
  locale: Locale;
  /** Sends `submission-action` to the worker. */
  act(message: { type: 'submission-action'; payload: { submissionId: string; action: 'open' | 'retry' | 'cancel' } | { submissionId: string; action: 'confirm'; code?: string } }): Promise<ActionAnswer>;
  readArtifact(id: string): Promise<ArtifactRecord | undefined>;
  /** Called after any change, so the list around can re-read. */
  onChanged?(submission: Submission): void;
}

const PERSON_CAN_OPEN: readonly Submission['state'][] = ['awaiting-person', 'submitting'];
const RETRYABLE: readonly Submission['state'][] = ['failed-retryable', 'failed-permanent', 'rate-limited'];
const CANCELLABLE: readonly Submission['state'][] = ['queued', 'awaiting-person', 'submitting', 'failed-retryable', 'failed-permanent', 'rate-limited'];

export const stateKey = (state: Submission['state']) => `submissionState_${state.replace(/-/g, '_')}`;

/** The state in words, with the reason and the time it waits for. */
export function SubmissionStatus({ submission: s, t, locale }: { submission: Submission; t: Translate; locale: Locale }) {
  return (
    <div class="submission-status" data-testid="submission-status" data-state={s.state}>
      <strong>{t(stateKey(s.state))}</strong>
      {s.receipt?.code ? <span data-testid="submission-receipt"> · {t('submissionReceipt', s.receipt.code)}</span> : null}
      {s.lastError && s.state !== 'submitted' ? (
        <p class="field-error" role="status" data-testid="submission-error">
          {t(s.lastError.messageKey, s.lastError.detail)}
        </p>
      ) : null}
      {s.nextAttemptAt && (s.state === 'failed-retryable' || s.state === 'rate-limited') ? (
        <p class="muted small" data-testid="submission-next">
          {t('submissionNextAttempt', formatTime(s.nextAttemptAt, locale))}
        </p>
      ) : null}
      {s.attempts > 1 ? <p class="muted small">{t('submissionAttempts', String(s.attempts))}</p> : null}
      {s.remoteStatus ? <p class="small">{t('submissionRemoteStatus', s.remoteStatus.status)}</p> : null}
    </div>
  );
}

export function SubmissionActions(props: SubmissionActionsProps) {
  const { submission: s, report, t } = props;
  const [action, setAction] = useState<DestinationAction | null>(null);
  const [error, setError] = useState('');
  const [copied, setCopied] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (payload: Parameters<SubmissionActionsProps['act']>[0]['payload']) => {
    setBusy(true);
    setError('');
    try {
      const answer = await props.act({ type: 'submission-action', payload });
      if (!answer.ok) {
        setError(t(answer.error, answer.detail ?? ''));
        return;
      }
      if (answer.action) setAction(answer.action);
      props.onChanged?.(answer.submission);
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string) => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };

  const pack = async () => {
    const built = await buildEvidencePack(report, s.destinationId, props.readArtifact);
    const url = URL.createObjectURL(new Blob([built.bytes as BlobPart], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = built.fileName;
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const byHand = s.channel !== 'api';
  const text = action && 'clipboardText' in action ? action.clipboardText : null;
  const email = action?.kind === 'email' ? action.email : action?.kind === 'open-page' ? action.email : undefined;
  const codeId = `code-${s.id}`;
  return (
    <div class="submission-actions" data-testid="submission-actions">
      <div class="actions">
        {byHand && PERSON_CAN_OPEN.includes(s.state) ? (
          <button type="button" disabled={busy} data-testid="submission-open" onClick={() => void run({ submissionId: s.id, action: 'open' })}>
            {s.channel === 'email' ? t('submissionOpenEmail') : t('submissionOpen')}
          </button>
        ) : null}
        {RETRYABLE.includes(s.state) ? (
          <button type="button" disabled={busy} data-testid="submission-retry" onClick={() => void run({ submissionId: s.id, action: 'retry' })}>
            {t('submissionRetry')}
          </button>
        ) : null}
        {CANCELLABLE.includes(s.state) ? (
          <button type="button" disabled={busy} data-testid="submission-cancel" onClick={() => void run({ submissionId: s.id, action: 'cancel' })}>
            {t('submissionCancel')}
          </button>
        ) : null}
      </div>
      {action?.kind === 'elsewhere' ? (
        <div class="note">
          <p>{t('submissionElsewhere')}</p>
          {action.url ? <p class="link-text">{action.url}</p> : null}
          {action.phones.length ? <p>{action.phones.join(' / ')}</p> : null}
        </div>
      ) : null}
      {email ? (
        <div class="note" data-testid="submission-email">
          <p>
            <a href={email.mailto} data-testid="submission-mailto">
              {t('submissionOpenEmail')}: {email.to}
            </a>
          </p>
          <p class="muted small">{t('submissionAttachHint')}</p>
        </div>
      ) : null}
      {text !== null ? (
        <div class="actions">
          <button type="button" data-testid="submission-copy" onClick={() => void copy(text)}>
            {copied ? t('submissionCopied') : t('submissionCopyText')}
          </button>
          <button type="button" data-testid="submission-pack" onClick={() => void pack()}>
            {t('submissionDownloadPack')}
          </button>
        </div>
      ) : null}
      {byHand && s.state === 'submitting' ? (
        <form
          class="actions"
          onSubmit={(e) => {
            e.preventDefault();
            void run({ submissionId: s.id, action: 'confirm', ...(code.trim() ? { code: code.trim() } : {}) });
          }}
        >
          <label for={codeId}>{t('submissionCodeLabel')}</label>
          <input id={codeId} value={code} maxLength={64} pattern="[A-Za-z0-9-]*" onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" disabled={busy} data-testid="submission-confirm">
            {t('submissionConfirm')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
