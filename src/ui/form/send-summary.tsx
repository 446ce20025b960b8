// "What will be sent, to whom": before the person ticks the good-faith statement they see, for each
// destination, the reason it will be filed under, the fields, the evidence that goes and what stays, and
// whose name (or 匿名).
import type { Translate } from '../../i18n/i18n';
import type { Report } from '../../model/report';
import type { ReporterProfile } from '../../model/profile';
import { destination } from '../../destinations/catalog';
import { reasonFor } from '../../destinations/reasons/taxonomy-to-reason';
import { categoryLabelKey, taxonomyItem } from '../../taxonomy/taxonomy';
import type { Destination } from '../../destinations/catalog';

/**
 * Where the items' context travels for a destination (the rule of `contextCarriage` in
 * src/destinations/adapters/index.ts, read from the catalog alone so the form does not load the adapters; a
 * unit test holds the two together): the report data of an API, an e-mail's body, or the copied full text
 * and the evidence pack (a form's fields carry the person's description alone).
 */
export function contextCarriageOf(d: Destination): 'data' | 'email' | 'copy-and-pack' {
  if (d.kind === 'api') return 'data';
  const formLike = d.kind === 'platform' ? d.id === 'zhihu' || d.entries.some((e) => e.purpose !== 'home') : d.id.startsWith('12377');
  return !formLike && d.emails.length ? 'email' : 'copy-and-pack';
}

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
  const contextCount = report.items.reduce((n, i) => n + i.context.filter((c) => c.role !== 'around').length + (i.title ? 1 : 0), 0);
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
        {contextCount ? (
          <>
            <dt>{t('summaryContext')}</dt>
            <dd data-testid="summary-context">
              {destinations.map((id) => {
                const d = destination(id);
                return d ? (
                  <div key={id} data-destination={id} data-carriage={contextCarriageOf(d)}>
                    {t(d.nameKey)}：{t(`summaryContext_${contextCarriageOf(d).replaceAll('-', '_')}`)}
                  </div>
                ) : null;
              })}
            </dd>
          </>
        ) : null}
        <dt>{t('summaryReporter')}</dt>
        <dd data-testid="summary-reporter">{who}</dd>
      </dl>
    </section>
  );
}
