// The description, with a counter against each chosen destination's limit (WeChat takes 50 characters,
// 12377's 涉企侵权 zone 500) and the general one.
import type { Translate } from '../../i18n/i18n';
import { destination } from '../../destinations/catalog';
import { charCount, DESCRIPTION_MAX, type FieldError } from '../../model/validate-report';
import { FieldErrorText } from './field-error';

export function DescriptionField({
  value,
  destinations,
  onChange,
  error,
  t,
}: {
  value: string;
  destinations: readonly string[];
  onChange: (value: string) => void;
  error: FieldError | undefined;
  t: Translate;
}) {
  const length = charCount(value);
  const limited = destinations
    .map((id) => destination(id))
    .filter((d) => d && (d.description.max !== null || d.description.min !== undefined));
  return (
    <section class="field">
      <label for="description">{t('descriptionLabel')}</label>
      <textarea
        id="description"
        name="description"
        rows={5}
        value={value}
        placeholder={t('descriptionPlaceholder')}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? 'description-error description-count' : 'description-count'}
        onInput={(e) => onChange((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <ul id="description-count" class="counters">
        <li class={length > DESCRIPTION_MAX ? 'counter over' : 'counter'}>{t('charCount', length, DESCRIPTION_MAX)}</li>
        {limited.map((d) => {
          const { max, min } = d!.description;
          const over = (max !== null && length > max) || (min !== undefined && length < min);
          return (
            <li key={d!.id} class={over ? 'counter over' : 'counter'} data-testid={`counter-${d!.id}`}>
              {max !== null ? t('charCountFor', t(d!.nameKey), length, max) : t('charMinFor', t(d!.nameKey), length, min ?? 0)}
            </li>
          );
        })}
      </ul>
      <FieldErrorText id="description-error" error={error} t={t} />
    </section>
  );
}
