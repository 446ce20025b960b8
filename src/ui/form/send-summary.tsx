// "What will be sent, to whom": before the person ticks the good-faith statement they see, for each
// destination, the reason it will be filed under, the fields, the evidence that goes and what stays, and
// whose name (or 匿名).
import type { Translate } from '../../i18n/i18n';
import type { Report } from '../../model/report';
import type { ReporterProfile } from '../../model/profile';
import { destination } from '../../destinations/catalog';
import { reasonFor } from '../../destinations/reasons/taxonomy-to-reason';
import { categoryLabelKey, taxonomyItem } from '../../taxonomy/taxonomy';

export function SendSummary({
  report,
  destinations,
  anonymous,
  profile,
  t,
}: {
  report: Report;
  destinations: readonly string[];
  anonymous: boolean;
  profile: ReporterProfile | undefined;
  t: Translate;
}) {
  const item = taxonomyItem(report.categoryId);
  const sent = report.evidence.filter((e) => !e.excluded);
  const kept = report.evidence.filter((e) => e.excluded);
  const artifactName = (kind: string) => t(`artifact_${kind.replace('-', '_')}`);
  const who = anonymous ? t('summaryAnonymous') : [profile?.name, profile?.phone, profile?.email].filter(Boolean).join(' · ') || t('summaryNoProfile');
  const links = report.items.map((i) => i.permalink ?? i.pageUrl);
  return (
    <section class="field summary" aria-labelledby="summary-heading" data-testid="send-summary">
      <h2 id="summary-heading">{t('summaryHeading')}</h2>
      {destinations.length === 0 ? <p class="muted">{t('summaryNoDestination')}</p> : null}
      <ul class="summary-dests">
        {destinations.map((id) => {
          const d = destination(id);
          if (!d) return null;
          const reason = report.categoryId ? reasonFor(report.categoryId, id) : undefined;
          return (
            <li key={id} data-destination={id}>
              <strong>{t(d.nameKey)}</strong>
              {reason ? <span> — {t('summaryFiledAs', t(reason.labelKey))}</span> : null}
            </li>
          );
        })}
      </ul>
      <dl class="summary-fields">
        <dt>{t('categoryLabel')}</dt>
        <dd>{item ? t(categoryLabelKey(item)) : t('noCategory')}</dd>
        <dt>{t('summaryLinks')}</dt>
        <dd>
          {links.map((link, i) => (
            <div key={i} class="link-text">
              {link}
            </div>
          ))}
        </dd>
        <dt>{t('descriptionLabel')}</dt>
        <dd class="description">{report.description.trim() || '—'}</dd>
        <dt>{t('summaryEvidence')}</dt>
        <dd data-testid="summary-evidence">{sent.length ? sent.map((e) => artifactName(e.kind) + (e.derivedFrom ? ` (${t('artifactRedacted')})` : '')).join('、') : '—'}</dd>
        {kept.length ? (
          <>
            <dt>{t('summaryKept')}</dt>
            <dd>{kept.map((e) => artifactName(e.kind)).join('、')}</dd>
          </>
        ) : null}
        <dt>{t('summaryReporter')}</dt>
        <dd data-testid="summary-reporter">{who}</dd>
      </dl>
    </section>
  );
}
