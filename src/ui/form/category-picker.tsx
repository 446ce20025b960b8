// The category: a search over the taxonomy (legal text, names, hints, examples), the law's items in a
// select (sub-categories indented under their item), and what the chosen item means in plain words.
import { useMemo, useState } from 'preact/hooks';
import type { Translate } from '../../i18n/i18n';
import { LEGAL_ITEMS, categoryExamplesKey, categoryHintKey, categoryLabelKey, subcategories, taxonomyItem } from '../../taxonomy/taxonomy';
import { searchTaxonomy } from '../../taxonomy/search';
import type { FieldError } from '../../model/validate-report';
import { FieldErrorText } from './field-error';

export function CategoryPicker({
  value,
  onChange,
  error,
  t,
}: {
  value: string | null;
  onChange: (categoryId: string | null) => void;
  error: FieldError | undefined;
  t: Translate;
}) {
  const [query, setQuery] = useState('');
  const hits = useMemo(() => searchTaxonomy(query, t).slice(0, 6), [query, t]);
  const item = taxonomyItem(value);
  const option = (id: string, label: string) => (
    <option key={id} value={id}>
      {label}
    </option>
  );
  const group = (g: 'illegal' | 'harmful') =>
    LEGAL_ITEMS.filter((i) => i.group === g).flatMap((legal) => [
      option(legal.id, `${legal.number}. ${t(categoryLabelKey(legal))}`),
      // Indented with spaces only: a drawing character would be read out by screen readers.
      ...subcategories(legal.id).map((sub) => option(sub.id, `\u00a0\u00a0\u00a0\u00a0${t(categoryLabelKey(sub))}`)),
    ]);

  return (
    <section class="field" aria-labelledby="category-label">
      <label id="category-label" for="category">
        {t('categoryLabel')}
      </label>
      <div class="search">
        <label class="visually-hidden" for="category-search">
          {t('categorySearchLabel')}
        </label>
        <input
          id="category-search"
          type="search"
          value={query}
          placeholder={t('categorySearchPlaceholder')}
          aria-controls="category-hits"
          autocomplete="off"
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
        <ul id="category-hits" class="hits" aria-live="polite" aria-label={t('categorySearchResults')}>
          {query.trim() && hits.length === 0 ? <li class="muted">{t('categorySearchNone')}</li> : null}
          {hits.map(({ item: hit }) => (
            <li key={hit.id}>
              <button
                type="button"
                class="hit"
                data-category={hit.id}
                aria-pressed={hit.id === value ? 'true' : 'false'}
                onClick={() => {
                  onChange(hit.id);
                  setQuery('');
                  document.getElementById('category')?.focus();
                }}
              >
                <strong>{t(categoryLabelKey(hit))}</strong>
                <span class="muted"> — {t(categoryHintKey(hit))}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <select
        id="category"
        name="category"
        value={value ?? ''}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={[error ? 'category-error' : '', item ? 'category-hint' : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value || null)}
      >
        <option value="">{t('categoryPlaceholder')}</option>
        <optgroup label={t('groupIllegal')}>{group('illegal')}</optgroup>
        <optgroup label={t('groupHarmful')}>{group('harmful')}</optgroup>
      </select>
      <FieldErrorText id="category-error" error={error} t={t} />
      {item ? (
        <div id="category-hint" class="hint" data-testid="category-hint">
          <p>{t(categoryHintKey(item))}</p>
          <p class="muted">
            {t('categoryExamples')}
            {t(categoryExamplesKey(item))}
          </p>
          <p class="legal" lang="zh-CN">
            <span class="muted">{t(item.group === 'illegal' ? 'legalArticle6' : 'legalArticle7', item.number)}</span>
            {item.legalText}
          </p>
        </div>
      ) : null}
    </section>
  );
}
