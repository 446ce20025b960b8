// The report form: the captured evidence, a category from the national taxonomy, a description.
// Every change is written to the store as it happens, so closing the popup loses nothing.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Report } from '../model/report';
import { validateReport, DESCRIPTION_MAX, type FieldErrors } from '../model/validate-report';
import { TAXONOMY, categoryLabelKey } from '../taxonomy/taxonomy';
import type { ReportStore } from '../storage/report-store';
import type { Translate } from '../i18n/i18n';
import { EvidenceList, ItemSummary } from './evidence-view';
import { serialWriter } from './serial-writer';

export interface ReportFormProps {
  store: ReportStore;
  t: Translate;
  /** The report to edit; when absent, the most recent draft. */
  reportId?: string | undefined;
  onSaved?: (report: Report) => void;
  onOpenDashboard?: () => void;
}

type Load = { state: 'loading' } | { state: 'empty' } | { state: 'error'; message: string } | { state: 'ready'; report: Report };

export function ReportForm({ store, t, reportId, onSaved, onOpenDashboard }: ReportFormProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const pick = reportId ? store.get(reportId) : store.list({ status: 'draft' }).then((drafts) => drafts[0]);
    pick.then(
      (report) => !cancelled && setLoad(report ? { state: 'ready', report } : { state: 'empty' }),
      (err: unknown) => !cancelled && setLoad({ state: 'error', message: String(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [store, reportId]);

  const writer = useMemo(
    () =>
      serialWriter<Pick<Report, 'id' | 'categoryId' | 'description'>>(
        async ({ id, categoryId, description }) => {
          await store.update(id, (r) => ({ ...r, categoryId, description }));
        },
        (err) => setSaveError(String(err)),
      ),
    [store],
  );

  if (load.state === 'loading') return <p class="muted">{t('loading')}</p>;
  if (load.state === 'error') return <p role="alert" class="error">{t('errorLoad', load.message)}</p>;
  if (load.state === 'empty') {
    return (
      <div class="empty">
        <p>{t('formEmpty')}</p>
        {onOpenDashboard ? (
          <button type="button" onClick={onOpenDashboard}>
            {t('openDashboard')}
          </button>
        ) : null}
      </div>
    );
  }

  const report = load.report;
  const change = (patch: Partial<Pick<Report, 'categoryId' | 'description'>>) => {
    const next = { ...report, ...patch };
    setLoad({ state: 'ready', report: next });
    setSaved(false);
    if (Object.keys(errors).length) setErrors(validateReport(next, { stage: "draft" }));
    void writer.push({ id: next.id, categoryId: next.categoryId, description: next.description });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validateReport(report, { stage: "draft" });
    setErrors(found);
    if (Object.keys(found).length) {
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return;
    }
    await writer.flush();
    try {
      const stored = await store.update(report.id, (r) => ({ ...r, status: 'saved' }));
      setLoad({ state: 'ready', report: stored });
      setSaved(true);
      onSaved?.(stored);
    } catch (err) {
      setSaveError(String(err));
    }
  };

  const descriptionLength = [...report.description.trim()].length;

  return (
    <form class="report-form" onSubmit={submit} noValidate data-report-id={report.id}>
      <h2 class="visually-hidden">{t('evidenceHeading')}</h2>
      <ItemSummary report={report} t={t} />
      <EvidenceList report={report} store={store} t={t} compact />

      <label for="category">{t('categoryLabel')}</label>
      <select
        id="category"
        name="category"
        value={report.categoryId ?? ''}
        aria-invalid={errors.categoryId ? 'true' : 'false'}
        aria-describedby={errors.categoryId ? 'category-error' : undefined}
        onChange={(e) => change({ categoryId: (e.currentTarget as HTMLSelectElement).value || null })}
      >
        <option value="">{t('categoryPlaceholder')}</option>
        <optgroup label={t('groupIllegal')}>
          {TAXONOMY.filter((i) => i.group === 'illegal').map((item) => (
            <option key={item.id} value={item.id}>
              {t(categoryLabelKey(item))}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('groupHarmful')}>
          {TAXONOMY.filter((i) => i.group === 'harmful').map((item) => (
            <option key={item.id} value={item.id}>
              {t(categoryLabelKey(item))}
            </option>
          ))}
        </optgroup>
      </select>
      {errors.categoryId ? (
        <p id="category-error" class="field-error" role="alert">
          {t(errors.categoryId.key)}
        </p>
      ) : null}

      <label for="description">{t('descriptionLabel')}</label>
      <textarea
        id="description"
        name="description"
        rows={5}
        value={report.description}
        placeholder={t('descriptionPlaceholder')}
        aria-invalid={errors.description ? 'true' : 'false'}
        aria-describedby={errors.description ? 'description-error description-count' : 'description-count'}
        onInput={(e) => change({ description: (e.currentTarget as HTMLTextAreaElement).value })}
      />
      <p id="description-count" class={descriptionLength > DESCRIPTION_MAX ? 'counter over' : 'counter'}>
        {t('charCount', descriptionLength, DESCRIPTION_MAX)}
      </p>
      {errors.description ? (
        <p id="description-error" class="field-error" role="alert">
          {t(errors.description.key, ...(errors.description.args ?? []).map(String))}
        </p>
      ) : null}

      <p class="warning">{t('maliciousWarning')}</p>
      {saveError ? (
        <p class="error" role="alert">
          {t('errorSave', saveError)}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" data-report-assistant="save">
          {t('saveReport')}
        </button>
        {onOpenDashboard ? (
          <button type="button" onClick={onOpenDashboard}>
            {t('openDashboard')}
          </button>
        ) : null}
      </div>
      {saved ? (
        <p class="ok" role="status" data-testid="saved">
          {t('reportSaved')}
        </p>
      ) : null}
    </form>
  );
}
