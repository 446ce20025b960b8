// The dashboard: every report, filtered and searched, with counts and charts, and the tools for the
// whole collection (CSV, evidence packs, verifying a pack, backup, restore, delete everything).
//
// The first screen is drawn from the newest few reports read through an index; the whole collection is
// read right after, for counts, filters and search. The list renders only what is in view.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Report } from '../../model/report';
import { STAGES } from '../../lifecycle/lifecycle';
import { stageKey } from '../../lifecycle/labels';
import { PLATFORM_IDS } from '../../model/captured-post';
import { LEGAL_ITEMS, categoryLabelKey } from '../../taxonomy/taxonomy';
import { DESTINATIONS, destinationNameKey } from '../../destinations/catalog';
import type { Locale } from '../../i18n/i18n';
import { ReportCard } from '../report-list';
import { VirtualList } from './virtual-list';
import { StatusChart, OutcomeChart } from './charts';
import { ResponseWindows } from './response-windows';
import { applyFilters, countByStage, loadAllReports, loadFirstReports, NO_FILTERS, outcomesByMonth, toRow, type Filters, type Row } from './data';
import type { DashboardEnv } from './env';

export const FIRST_SCREEN = 15;

/** `firstReports`: the page may start reading the first screen before the interface language is loaded. */
export function Dashboard({ env, firstReports }: { env: DashboardEnv; firstReports?: Promise<Report[]> }) {
  const { t } = env;
  const [rows, setRows] = useState<Row[]>();
  const [complete, setComplete] = useState(false);
  const [error, setError] = useState<string>();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const loadAll = async () => {
    const db = await env.db();
    const all = await loadAllReports(db);
    setRows(all.map(toRow));
    setComplete(true);
  };
  useEffect(() => {
    (async () => {
      const first = await (firstReports ?? env.db().then((db) => loadFirstReports(db, FIRST_SCREEN)));
      performance.mark('dashboard-first-rows');
      setRows(first.map(toRow));
      if (first.length < FIRST_SCREEN) setComplete(true);
      // Otherwise the whole collection is read once the first screen is painted (below): it would hold that paint back.
    })().catch((err: unknown) => setError(String(err)));
  }, [env]);

  const refreshOne = async (id: string) => {
    const fresh = await env.store.get(id);
    setRows((current) => (current ?? []).flatMap((r) => (r.report.id === id ? (fresh ? [toRow(fresh)] : []) : [r])));
  };

  // For the benchmark (scripts/bench/dashboard.ts): when the first reports are on screen.
  const marked = useRef(false);
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (rows && !marked.current) {
      marked.current = true;
      requestAnimationFrame(() => {
        performance.mark('dashboard-first-render');
        setTimeout(() => setPainted(true), 0);
      });
    }
  }, [rows]);
  useEffect(() => {
    if (painted && !complete) void loadAll().catch((err: unknown) => setError(String(err)));
  }, [painted]);

  const filtered = useMemo(() => (rows ? applyFilters(rows, filters) : []), [rows, filters]);
  const counts = useMemo(() => countByStage(rows ?? []), [rows]);
  const months = useMemo(() => outcomesByMonth(rows ?? []), [rows]);
  const platforms = useMemo(() => PLATFORM_IDS.filter((p) => rows?.some((r) => r.platforms.includes(p))), [rows]);
  const destinations = useMemo(() => DESTINATIONS.filter((d) => rows?.some((r) => r.destinations.includes(d.id))), [rows]);

  if (error) return <p role="alert" class="error">{t('errorLoad', error)}</p>;
  if (!rows) return <p class="muted">{t('loading')}</p>;
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <section aria-labelledby="overview-heading" class="overview">
        <h2 id="overview-heading" class="visually-hidden">{t('dash_chartStatus')}</h2>
        <p data-testid="report-count" role="status">
          {t('dash_count', rows.length, filtered.length)}
          {(counts.get('no-answer') ?? 0) > 0 ? <span class="error"> · {t('dash_overdueCount', counts.get('no-answer') ?? 0)}</span> : null}
        </p>
        <div class="charts">
          <StatusChart counts={counts} t={t} />
          <OutcomeChart months={months} t={t} />
        </div>
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('reportsHeading')}</h2>
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()} data-testid="filters">
          <label class="grow">
            {t('dash_search')}
            <input
              type="search"
              data-testid="search"
              placeholder={t('dash_searchPlaceholder')}
              value={filters.query}
              onInput={(e) => set('query', (e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <label>
            {t('dash_filterStatus')}
            <select data-testid="filter-stage" value={filters.stage} onChange={(e) => set('stage', (e.currentTarget as HTMLSelectElement).value as Filters['stage'])}>
              <option value="">{t('dash_all')}</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>{t(stageKey(s))} ({counts.get(s) ?? 0})</option>
              ))}
            </select>
          </label>
          <label>
            {t('dash_filterPlatform')}
            <select data-testid="filter-platform" value={filters.platform} onChange={(e) => set('platform', (e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('dash_all')}</option>
              {platforms.map((p) => (
                <option key={p} value={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            {t('dash_filterCategory')}
            <select data-testid="filter-category" value={filters.category} onChange={(e) => set('category', (e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('dash_all')}</option>
              {LEGAL_ITEMS.map((c) => (
                <option key={c.id} value={c.id}>{t(categoryLabelKey(c))}</option>
              ))}
            </select>
          </label>
          <label>
            {t('dash_filterDestination')}
            <select data-testid="filter-destination" value={filters.destination} onChange={(e) => set('destination', (e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('dash_all')}</option>
              {destinations.map((d) => (
                <option key={d.id} value={d.id}>{t(destinationNameKey(d.id))}</option>
              ))}
            </select>
          </label>
          <label>
            {t('dash_from')}
            <input type="date" data-testid="filter-from" value={filters.from} onChange={(e) => set('from', (e.currentTarget as HTMLInputElement).value)} />
          </label>
          <label>
            {t('dash_to')}
            <input type="date" data-testid="filter-to" value={filters.to} onChange={(e) => set('to', (e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="button" onClick={() => setFilters(NO_FILTERS)}>{t('dash_clear')}</button>
        </form>
        {!complete ? <p class="muted">{t('loading')}</p> : null}
        {rows.length === 0 ? (
          <p class="muted" data-testid="no-reports">{t('noReports')}</p>
        ) : filtered.length === 0 ? (
          <p class="muted" data-testid="no-match">{t('dash_empty')}</p>
        ) : (
          <VirtualList
            items={filtered}
            keyOf={(r) => r.report.id}
            estimate={190}
            label={t('reportsHeading')}
            rowClass="report-card"
            rowAttrs={(r) => ({ 'data-report-id': r.report.id, 'data-testid': 'report-card' })}
            renderItem={(r) => (
              <div class="card-with-select">
                <input
                  type="checkbox"
                  class="select-report"
                  aria-label={t('dash_select')}
                  checked={selected.has(r.report.id)}
                  onChange={() => toggle(r.report.id)}
                />
                <ReportCard report={r.report} env={env} onChanged={refreshOne} />
              </div>
            )}
          />
        )}
      </section>

      <DataTools
        env={env}
        filtered={filtered.map((r) => r.report)}
        selected={rows.filter((r) => selected.has(r.report.id)).map((r) => r.report)}
        onRestored={async () => {
          // The worker's reminders and badge follow what is now stored.
          await env.send({ type: 'track-check-now', payload: {} }).catch(() => undefined);
          await loadAll();
        }}
      />
      <ResponseWindows store={env.store} t={t} onSaved={() => void env.send({ type: 'track-check-now', payload: {} }).then(loadAll)} />
    </>
  );
}

function DataTools({ env, filtered, selected, onRestored }: { env: DashboardEnv; filtered: Report[]; selected: Report[]; onRestored: () => Promise<void> }) {
  const { t } = env;
  const [lang, setLang] = useState<Locale>(env.locale);
  const [status, setStatus] = useState<{ ok: boolean; lines: string[] }>();
  const [deleteWord, setDeleteWord] = useState('');
  const [deleteError, setDeleteError] = useState<string>();
  const verifyInput = useRef<HTMLInputElement>(null);
  const restoreInput = useRef<HTMLInputElement>(null);
  const run = async (work: () => Promise<{ ok: boolean; lines: string[] }>) => {
    setStatus({ ok: true, lines: [t('dash_exporting')] });
    try {
      setStatus(await work());
    } catch (err) {
      setStatus({ ok: false, lines: [t('errorInternal'), String(err instanceof Error ? err.message : err)] });
    }
  };
  const actions = () => import('./export-actions');
  const readFile = async (input: HTMLInputElement | null) => {
    const file = input?.files?.[0];
    if (input) input.value = '';
    return file ? new Uint8Array(await file.arrayBuffer()) : undefined;
  };
  return (
    <section aria-labelledby="tools-heading" class="tools" data-testid="data-tools">
      <h2 id="tools-heading">{t('dash_tools')}</h2>
      <div class="actions">
        <label class="inline" for="pack-language">{t('dash_packLanguage')}</label>
        <select id="pack-language" value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Locale)}>
          <option value="zh_CN">简体中文</option>
          <option value="en">English</option>
        </select>
        <button type="button" data-testid="export-selected" disabled={selected.length === 0}
          onClick={() => run(async () => ({ ok: true, lines: [t('dash_exported', await (await actions()).exportPack(env, selected, lang))] }))}>
          {t('dash_exportSelected')} ({selected.length})
        </button>
        <button type="button" data-testid="export-filtered" disabled={filtered.length === 0}
          onClick={() => run(async () => ({ ok: true, lines: [t('dash_exported', await (await actions()).exportPack(env, filtered, lang))] }))}>
          {t('dash_exportFiltered')} ({filtered.length})
        </button>
        <button type="button" data-testid="export-csv"
          onClick={() => run(async () => ({ ok: true, lines: [t('dash_exported', await (await actions()).exportCsv(env, filtered))] }))}>
          {t('dash_exportCsv')}
        </button>
      </div>
      <div class="actions">
        <label class="inline" for="verify-pack">{t('dash_verifyPack')}</label>
        <input id="verify-pack" data-testid="verify-pack" type="file" accept=".zip,application/zip" ref={verifyInput}
          onChange={() => run(async () => {
            const bytes = await readFile(verifyInput.current);
            return bytes ? (await actions()).verifyPackBytes(env, bytes) : { ok: false, lines: [] };
          })} />
      </div>
      <div class="actions">
        <button type="button" data-testid="backup"
          onClick={() => run(async () => ({ ok: true, lines: [t('dash_exported', await (await actions()).backupAll(env))] }))}>
          {t('dash_backup')}
        </button>
        <label class="inline" for="restore">{t('dash_restore')}</label>
        <input id="restore" data-testid="restore" type="file" accept=".zip,application/zip" ref={restoreInput}
          onChange={() => run(async () => {
            const bytes = await readFile(restoreInput.current);
            if (!bytes || !confirm(t('dash_restoreConfirm'))) return { ok: true, lines: [] };
            try {
              const summary = await (await actions()).restoreAll(env, bytes);
              await onRestored();
              return { ok: true, lines: [t('dash_restored', summary.stores.reports ?? 0, summary.stores.artifacts ?? 0, summary.stores.events ?? 0)] };
            } catch (err) {
              // A refusal with a message key (a ZIP past its inflate limits, src/export/zip-files.ts) is said in
              // the person's language; read by shape, so the first screen does not load the ZIP code.
              const keyed = err as { messageKey?: unknown; substitutions?: unknown };
              const reason =
                typeof keyed.messageKey === 'string' && Array.isArray(keyed.substitutions)
                  ? t(keyed.messageKey, ...(keyed.substitutions as string[]))
                  : err instanceof Error ? err.message : String(err);
              return { ok: false, lines: [t('dash_restoreFailed', reason)] };
            }
          })} />
      </div>
      <form class="danger" data-testid="delete-everything"
        onSubmit={(e) => {
          e.preventDefault();
          if (deleteWord.trim() !== t('dash_deleteWord')) {
            setDeleteError(t('dash_deleteWrongWord'));
            return;
          }
          setDeleteError(undefined);
          void run(async () => {
            await (await actions()).deleteAll(env);
            setDeleteWord('');
            await onRestored();
            return { ok: true, lines: [t('dash_deleted')] };
          });
        }}>
        <label for="delete-word">{t('dash_deleteConfirmLabel')}</label>
        <input id="delete-word" type="text" value={deleteWord} autocomplete="off"
          aria-invalid={deleteError ? true : undefined} aria-describedby={deleteError ? 'delete-error' : undefined}
          onInput={(e) => setDeleteWord((e.currentTarget as HTMLInputElement).value)} />
        {deleteError ? <p id="delete-error" class="field-error" role="alert">{deleteError}</p> : null}
        <div class="actions"><button type="submit" class="primary">{t('dash_deleteAll')}</button></div>
      </form>
      {status && status.lines.length ? (
        <div role="status" class={status.ok ? 'ok' : 'error'} data-testid="tools-result">
          {status.lines.map((line, i) => <p key={i}>{line}</p>)}
        </div>
      ) : null}
    </section>
  );
}
