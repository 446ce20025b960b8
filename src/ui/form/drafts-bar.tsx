// Several drafts can be open at once: switch between them, or discard one (after a confirmation, since
// its evidence goes with it).
import { useState } from 'preact/hooks';
import type { Translate } from '../../i18n/i18n';
import type { Report } from '../../model/report';

export function draftTitle(report: Report, t: Translate): string {
  const first = report.items[0];
  const text = (first?.author?.name ? `${first.author.name}: ` : '') + (first?.text ?? '');
  const short = [...text.replace(/\s+/g, ' ').trim()].slice(0, 28).join('');
  return short || first?.pageTitle || t('draftUntitled');
}

export function DraftsBar({
  drafts,
  currentId,
  onSwitch,
  onDiscard,
  t,
}: {
  drafts: readonly Report[];
  currentId: string;
  onSwitch: (reportId: string) => void;
  onDiscard: (reportId: string) => void;
  t: Translate;
}) {
  const [confirming, setConfirming] = useState(false);
  const isDraft = drafts.some((d) => d.id === currentId);
  return (
    <div class="drafts-bar" data-testid="drafts-bar">
      {drafts.length > 1 || !isDraft ? (
        <>
          <label for="draft-switch" class="inline">
            {t('draftsLabel', drafts.length)}
          </label>
          <select id="draft-switch" value={isDraft ? currentId : ''} onChange={(e) => onSwitch((e.currentTarget as HTMLSelectElement).value)}>
            {isDraft ? null : <option value="">{t('draftsCurrentNotDraft')}</option>}
            {drafts.map((d) => (
              <option key={d.id} value={d.id}>
                {draftTitle(d, t)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {isDraft && !confirming ? (
        <button type="button" class="small" onClick={() => setConfirming(true)} data-testid="draft-discard">
          {t('draftDiscard')}
        </button>
      ) : null}
      {confirming ? (
        <span role="alertdialog" aria-labelledby="discard-question" class="confirm">
          <span id="discard-question">{t('draftDiscardConfirm')}</span>
          <button
            type="button"
            class="small danger"
            data-testid="draft-discard-confirm"
            ref={(el) => el?.focus()}
            onClick={() => {
              setConfirming(false);
              onDiscard(currentId);
            }}
          >
            {t('draftDiscardYes')}
          </button>
          <button type="button" class="small" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </span>
      ) : null}
    </div>
  );
}
