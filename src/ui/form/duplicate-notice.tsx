// The same post is already in another report: say so, and offer to open that report, or to add this
// report's items to it (the capture side's "collect into" mode, when the extension provides it).
import type { Translate } from '../../i18n/i18n';
import type { Duplicate } from '../../recommend/duplicates';
import { formatTime, type Locale } from '../../i18n/i18n';

export function DuplicateNotice({
  duplicates,
  t,
  locale,
  onOpen,
  onCollectInto,
}: {
  duplicates: readonly Duplicate[];
  t: Translate;
  locale: Locale;
  onOpen: (reportId: string) => void;
  onCollectInto?: ((reportId: string) => void) | undefined;
}) {
  const d = duplicates[0];
  if (!d) return null;
  // The newest is the one to go back to; the rest are counted, not listed, to keep the form in view.
  return (
    <section class="notice" role="status" data-testid="duplicate-notice">
      <div class="duplicate" data-duplicate-of={d.report.id}>
        <p>{t(d.matchedBy === 'id' ? 'duplicateById' : 'duplicateByUrl', t(`status_${d.report.status}`), formatTime(d.report.createdAt, locale))}</p>
        {duplicates.length > 1 ? <p class="muted small">{t('duplicateMore', duplicates.length - 1)}</p> : null}
        <div class="actions">
          <button type="button" onClick={() => onOpen(d.report.id)} data-testid="duplicate-open">
            {t('duplicateOpen')}
          </button>
          {onCollectInto ? (
            <button type="button" onClick={() => onCollectInto(d.report.id)} data-testid="duplicate-collect">
              {t('duplicateCollectInto')}
            </button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
