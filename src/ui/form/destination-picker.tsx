// Where the report goes: the recommended destinations with the reason for each (pre-selected ones
// ticked until the person changes the choice), every other destination behind a disclosure, and for
// each chosen one what it will call the chosen category.
import type { Translate } from '../../i18n/i18n';
import { DESTINATIONS, destination, type Destination } from '../../destinations/catalog';
import { reasonFor } from '../../destinations/reasons/taxonomy-to-reason';
import type { Recommendation } from '../../recommend/recommend';
import type { FieldError } from '../../model/validate-report';
import { FieldErrorText } from './field-error';
import { formatTime, type Locale } from '../../i18n/i18n';
import type { PlatformAttempt } from '../../recommend/platform-tried';

export function DestinationPicker({
  recommendations,
  chosen,
  categoryId,
  platformAlreadyTried,
  platformAttempt,
  locale = 'zh_CN',
  onChange,
  onPlatformAlreadyTried,
  error,
  usage = {},
  t,
}: {
  recommendations: readonly Recommendation[];
  /** Reports already sent to limited destinations within their window (12377: 50 per 24 hours). */
  usage?: Readonly<Record<string, number>>;
  chosen: readonly string[];
  categoryId: string | null;
  platformAlreadyTried: boolean;
  /** An earlier report of the same content whose platform entry failed (from its tracking). */
  platformAttempt?: PlatformAttempt | undefined;
  locale?: Locale;
  onChange: (destinations: string[]) => void;
  onPlatformAlreadyTried: (value: boolean) => void;
  error: FieldError | undefined;
  t: Translate;
}) {
  const toggle = (id: string, on: boolean) => {
    const next = chosen.filter((c) => c !== id);
    onChange(on ? [...next, id] : next);
  };
  const recommended = new Set(recommendations.map((r) => r.destinationId));
  const others = DESTINATIONS.filter((d) => !recommended.has(d.id) && d.kind !== 'api');
  const otherChosen = others.some((d) => chosen.includes(d.id));

  const row = (d: Destination, rec?: Recommendation) => {
    const checked = chosen.includes(d.id);
    const reason = categoryId ? reasonFor(categoryId, d.id) : undefined;
    const boxId = `dest-${d.id}`;
    const described = [rec ? `${boxId}-why` : '', checked && reason ? `${boxId}-reason` : ''].filter(Boolean).join(' ');
    return (
      <li key={d.id} class={checked ? 'dest chosen' : 'dest'} data-destination={d.id} data-role={rec?.role ?? 'other'}>
        <label class="check">
          <input
            id={boxId}
            type="checkbox"
            name="destinations"
            value={d.id}
            checked={checked}
            aria-describedby={described || undefined}
            onChange={(e) => toggle(d.id, (e.currentTarget as HTMLInputElement).checked)}
          />
          <span>{t(d.nameKey)}</span>
        </label>
        {rec ? (
          <p id={`${boxId}-why`} class="why muted">
            {t(rec.reasonKey, ...(rec.reasonArgKeys ?? []).map((k) => t(k)))}
            {rec.adviceKey ? <strong class="advice"> {t(rec.adviceKey)}</strong> : null}
          </p>
        ) : null}
        {checked && reason ? (
          <p id={`${boxId}-reason`} class="calls" data-testid="destination-calls">
            {t('destinationCallsIt', t(d.nameKey), t(reason.labelKey))}
          </p>
        ) : null}
        {d.dailyLimit && usage[d.id] !== undefined ? (
          <p class={usage[d.id]! >= d.dailyLimit.count ? 'limit over' : 'limit muted'} data-testid={`limit-${d.id}`}>
            {t(usage[d.id]! >= d.dailyLimit.count ? 'destinationLimitReached' : 'destinationLimit', usage[d.id]!, d.dailyLimit.count, d.dailyLimit.hours)}
          </p>
        ) : null}
      </li>
    );
  };

  return (
    <fieldset class="field destinations" aria-describedby={error ? 'destinations-error' : undefined}>
      <legend>{t('destinationsLabel')}</legend>
      <ul class="dest-list" aria-label={t('destinationsRecommended')}>
        {recommendations.map((rec) => {
          const d = destination(rec.destinationId);
          return d ? row(d, rec) : null;
        })}
      </ul>
      <label class="check small">
        <input
          id="platform-already-tried"
          type="checkbox"
          checked={platformAlreadyTried}
          onChange={(e) => onPlatformAlreadyTried((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('platformAlreadyTried')}
      </label>
      {platformAttempt ? (
        <p class="muted small" data-testid="platform-tried-hint">
          {t(
            'platformTriedFromTracking',
            formatTime(platformAttempt.at, locale),
            t(destination(platformAttempt.destinationId)?.nameKey ?? platformAttempt.destinationId),
            t(platformAttempt.result === 'overdue' ? 'platformResult_overdue' : `outcome_${platformAttempt.result.replace('-', '_')}`),
          )}
        </p>
      ) : null}
      <details open={otherChosen}>
        <summary>{t('destinationsMore')}</summary>
        <ul class="dest-list">{others.map((d) => row(d))}</ul>
      </details>
      <FieldErrorText id="destinations-error" error={error} t={t} />
    </fieldset>
  );
}
