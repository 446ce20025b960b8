// One report on the dashboard: what was captured and said, its evidence with a check of every hash and
// the signature, and — opened on demand — its submissions, the full history, and what can be done next
// (record a result, check 12377, escalate, export). The list around the cards is in dashboard/.
import { useEffect, useState } from 'preact/hooks';
import type { Report } from '../model/report';
import type { ReportStore } from '../storage/report-store';
import type { Submission } from '../model/submission';
import { formatTime, type Locale, type Translate } from '../i18n/i18n';
import { taxonomyItem, categoryLabelKey } from '../taxonomy/taxonomy';
import { verifyStoredReport } from '../evidence/verify-stored';
import { describeVerification } from '../evidence/verify';
import { EvidenceList, ItemSummary } from './evidence-view';
import { destinationNameKey } from '../destinations/catalog';
import { editedEntries, readEvents, verifyChain, type ReportEvent } from '../lifecycle/event-log';
import { ESCALATABLE_STAGES, OUTCOMES, stageOf } from '../lifecycle/lifecycle';
import { eventKey, outcomeKey, stageKey } from '../lifecycle/labels';
import { dueAt, RESPONSE_WINDOWS_META, windowFor, type WindowOverrides } from '../lifecycle/response-windows';
import { escalationOptions } from '../lifecycle/escalation';
import { describeEventData } from '../export/summary-html';
import type { DashboardEnv } from './dashboard/env';
import { SubmissionsPanel } from './submissions/submissions-panel';

export function ReportCard({ report, env, onChanged }: { report: Report; env: DashboardEnv; onChanged: (id: string) => void }) {
  const { t, locale, store } = env;
  const category = taxonomyItem(report.categoryId);
  const stage = stageOf(report);
  return (
    <article>
      <header class="card-head">
        <span class={`status status-${stage}`} data-testid="report-status" data-stage={stage}>
          {t(stageKey(stage))}
        </span>
        {report.lifecycle?.outcome && t(outcomeKey(report.lifecycle.outcome)) !== t(stageKey(stage)) ? (
          <span class="muted" data-testid="report-outcome">{t(outcomeKey(report.lifecycle.outcome))}</span>
        ) : null}
        <span data-testid="report-category">{category ? t(categoryLabelKey(category)) : t('noCategory')}</span>
        <time class="muted" dateTime={report.createdAt}>
          {formatTime(report.createdAt, locale)}
        </time>
      </header>
      <ItemSummary report={report} t={t} />
      {report.description ? (
        <p class="description" data-testid="report-description">
          {report.description}
        </p>
      ) : null}
      <EvidenceDetails report={report} store={store} t={t} />
      <HistoryToggle report={report} env={env} onChanged={onChanged} locale={locale} />
    </article>
  );
}

/** A disclosure button rather than a second <details>: the evidence stays the card's one summary. */
function HistoryToggle({ report, env, onChanged, locale }: { report: Report; env: DashboardEnv; onChanged: (id: string) => void; locale: Locale }) {
  const [open, setOpen] = useState(false);
  const id = `history-${report.id}`;
  return (
    <div class="history-toggle">
      <button type="button" class="link" aria-expanded={open} aria-controls={id} data-testid="report-history-toggle" onClick={() => setOpen(!open)}>
        {open ? '▾ ' : '▸ '}
        {env.t('dash_history')}
      </button>
      {open ? (
        <div id={id}>
          <ReportHistory report={report} env={env} onChanged={onChanged} locale={locale} />
        </div>
      ) : null}
    </div>
  );
}

/** The evidence, drawn only once opened: a closed card costs no artifact reads (the list may hold thousands). */
function EvidenceDetails({ report, store, t }: { report: Report; store: ReportStore; t: Translate }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('evidenceHeading')}</summary>
      {open ? (
        <>
          <EvidenceList report={report} store={store} t={t} />
          <VerifyButton report={report} store={store} t={t} />
        </>
      ) : null}
    </details>
  );
}

function VerifyButton({ report, store, t }: { report: Report; store: ReportStore; t: Translate }) {
  // The signed manifest is the reference: a changed byte, a missing file or a forged signature is named.
  const [result, setResult] = useState<{ ok: boolean; lines: string[] }>();
  const verify = async () => {
    const fresh = (await store.get(report.id)) ?? report;
    const checked = await verifyStoredReport(store, fresh);
    setResult({ ok: checked.ok, lines: describeVerification(checked, t, fresh.items.length) });
  };
  return (
    <div class="verify">
      <button type="button" onClick={verify}>
        {t('verifyHashes')}
      </button>
      {result ? (
        <div role="status" class={result.ok ? 'ok' : 'error'} data-testid="verify-result">
          {result.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

interface HistoryData {
  submissions: Submission[];
  events: ReportEvent[];
  overrides: WindowOverrides;
  now: Date;
}

function ReportHistory({ report, env, onChanged, locale }: { report: Report; env: DashboardEnv; onChanged: (id: string) => void; locale: Locale }) {
  const { t } = env;
  const [data, setData] = useState<HistoryData>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const load = async () => {
    const db = await env.db();
    const [submissions, events, overrides, now] = await Promise.all([
      db.getAllFromIndex('submissions', 'by-report', report.id) as unknown as Promise<Submission[]>,
      readEvents(db, report.id),
      env.store.getMeta<WindowOverrides>(RESPONSE_WINDOWS_META),
      env.now(),
    ]);
    submissions.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    setData({ submissions, events, overrides: overrides ?? {}, now });
  };
  useEffect(() => {
    void load();
  }, [report]);
  if (!data) return <p class="muted">{t('loading')}</p>;

  const act = async (run: () => Promise<{ ok: boolean; error?: string }>, okText: string) => {
    const reply = await run();
    setMessage(reply.ok ? { ok: true, text: okText } : { ok: false, text: t(reply.error ?? 'errorInternal') });
    onChanged(report.id);
    await load();
  };
  const stage = stageOf(report);
  const sent = [...new Set([...(report.lifecycle?.destinations ?? []), ...(report.destinations ?? [])])];
  const verdict = verifyChain(data.events, report.lifecycle?.head || undefined);
  const escalatedFrom = new Set(data.submissions.map((s) => s.escalatedFrom).filter(Boolean));
  return (
    <div class="history" data-testid="report-history">
      <SubmissionsPanel reportId={report.id} t={t} locale={locale} send={(m) => env.send(m as never)} {...(env.canHelpOn ? { canHelpOn: env.canHelpOn } : {})} />
      <h3>{t('track_submissions')}</h3>
      {data.submissions.length === 0 ? <p class="muted">{t('track_noSubmissions')}</p> : null}
      <ul class="submissions">
        {data.submissions.map((s) => {
          const awaiting = report.lifecycle?.awaiting.find((a) => a.submissionId === s.id);
          const due = awaiting ? dueAt(awaiting.since, windowFor(s.destinationId, data.overrides)) : undefined;
          const overdue = due !== undefined && due.getTime() <= data.now.getTime();
          const canEscalate =
            s.state === 'submitted' && !escalatedFrom.has(s.id) && (overdue || (ESCALATABLE_STAGES.includes(stage) && stage !== 'submitted' && stage !== 'awaiting-feedback'));
          const options = canEscalate ? escalationOptions(s.destinationId, report.categoryId, sent) : [];
          const escalate = (to: string) =>
            act(() => env.send({ type: 'track-escalate', payload: { reportId: report.id, fromSubmissionId: s.id, toDestinationId: to } }), t('track_escalated'));
          return (
            <li key={s.id} data-testid="submission" data-submission-id={s.id} data-destination={s.destinationId} data-state={s.state}>
              <strong>{t(destinationNameKey(s.destinationId))}</strong>
              {' · '}
              <span data-testid="submission-state">{t(`submissionState_${s.state.replace(/-/g, '_')}`)}</span>
              {s.receipt?.code ? <span> · {t('track_receiptCode', s.receipt.code)}</span> : null}
              {s.escalatedFrom ? <span class="muted"> · {t('stage_escalated')}</span> : null}
              {due ? (
                <p class={overdue ? 'error' : 'muted'} data-testid={overdue ? 'overdue' : 'due'}>
                  {overdue ? t('track_overdue', formatTime(due.toISOString(), locale)) : t('track_dueAt', formatTime(due.toISOString(), locale))}
                </p>
              ) : null}
              <div class="actions">
                {s.destinationId.startsWith('12377') && s.receipt?.code ? (
                  <button type="button" data-testid="query-12377" onClick={() => act(() => env.send({ type: 'track-open-query', payload: { submissionId: s.id } }), '')}>
                    {t('track_query12377')}
                  </button>
                ) : null}
                {options[0] ? (
                  <button type="button" class="primary" data-testid="escalate" data-to={options[0]} onClick={() => escalate(options[0]!)}>
                    {t('track_escalateTo', t(destinationNameKey(options[0])))}
                  </button>
                ) : null}
                {options.length > 1 ? <OtherRungs options={options.slice(1)} t={t} id={`rungs-${s.id}`} onEscalate={escalate} /> : null}
              </div>
            </li>
          );
        })}
      </ul>
      {message ? (
        <p role="status" class={message.ok ? 'ok' : 'error'} data-testid="history-message">
          {message.text}
        </p>
      ) : null}

      <h3>{t('track_timeline')}</h3>
      <p class={verdict.ok ? 'ok' : 'error'} data-testid="chain-verdict">
        {verdict.ok ? t('track_chainOk', verdict.count) : t('track_chainBroken', editedEntries(verdict).join(', ') || '?')}
      </p>
      <ol class="timeline" data-testid="timeline">
        {data.events.map((e) => (
          <li key={e.id} data-type={e.type}>
            <time dateTime={e.at}>{formatTime(e.at, locale)}</time> <strong>{t(eventKey(e.type))}</strong>{' '}
            <span class="muted">{describeEventData(e, t)}</span>
          </li>
        ))}
      </ol>

      <SetByHand report={report} env={env} submissions={data.submissions} onDone={(text) => act(async () => ({ ok: true }), text)} />
      <ExportOne report={report} env={env} />
    </div>
  );
}

/** The other steps of the ladder (a provincial centre, the channel for this harm), one choice away. */
function OtherRungs({ options, t, id, onEscalate }: { options: string[]; t: Translate; id: string; onEscalate: (to: string) => void }) {
  const [to, setTo] = useState(options[0]!);
  return (
    <span class="other-rungs">
      <label for={id} class="inline">{t('track_escalateOther')}</label>
      <select id={id} value={to} data-testid="escalate-other" onChange={(e) => setTo((e.currentTarget as HTMLSelectElement).value)}>
        {options.map((o) => (
          <option key={o} value={o}>{t(destinationNameKey(o))}</option>
        ))}
      </select>
      <button type="button" data-testid="escalate-other-go" onClick={() => onEscalate(to)}>
        {t('track_escalateGo')}
      </button>
    </span>
  );
}

function SetByHand({ report, env, submissions, onDone }: { report: Report; env: DashboardEnv; submissions: Submission[]; onDone: (text: string) => void }) {
  const { t } = env;
  const [choice, setChoice] = useState<string>(OUTCOMES[0]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const id = `byhand-${report.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!note.trim()) {
      setError(t('track_noteRequired'));
      return;
    }
    setError(undefined);
    const last = submissions.filter((s) => s.state === 'submitted').at(-1);
    const reply = await env.send({
      type: 'track-set-status',
      payload: {
        reportId: report.id,
        note: note.trim(),
        ...(choice === 'closed' ? { stage: 'closed' as const } : { outcome: choice as (typeof OUTCOMES)[number] }),
        ...(last ? { submissionId: last.id } : {}),
      },
    });
    if (!reply.ok) {
      setError(t(reply.error));
      return;
    }
    setNote('');
    onDone(t('track_recorded'));
  };
  return (
    <form class="by-hand" onSubmit={submit} data-testid="set-by-hand">
      <h3>{t('track_setByHand')}</h3>
      <label for={`${id}-status`}>{t('track_setByHandStatus')}</label>
      <select id={`${id}-status`} value={choice} onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)}>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>{t(outcomeKey(o))}</option>
        ))}
        <option value="closed">{t('stage_closed')}</option>
      </select>
      <label for={`${id}-note`}>{t('track_note')}</label>
      <textarea
        id={`${id}-note`}
        rows={2}
        maxLength={2000}
        value={note}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {error ? <p id={`${id}-error`} class="field-error" role="alert">{error}</p> : null}
      <div class="actions">
        <button type="submit">{t('track_record')}</button>
      </div>
    </form>
  );
}

function ExportOne({ report, env }: { report: Report; env: DashboardEnv }) {
  const { t } = env;
  const [lang, setLang] = useState<Locale>(env.locale);
  const [status, setStatus] = useState<string>();
  const id = `pack-lang-${report.id}`;
  return (
    <div class="actions export-one">
      <label for={id} class="inline">{t('dash_packLanguage')}</label>
      <select id={id} value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Locale)}>
        <option value="zh_CN">简体中文</option>
        <option value="en">English</option>
      </select>
      <button
        type="button"
        data-testid="export-one"
        onClick={async () => {
          setStatus(t('dash_exporting'));
          const { exportPack } = await import('./dashboard/export-actions');
          const fresh = (await env.store.get(report.id)) ?? report;
          setStatus(t('dash_exported', await exportPack(env, [fresh], lang)));
        }}
      >
        {t('dash_exportOne')}
      </button>
      {status ? <span role="status" class="muted">{status}</span> : null}
    </div>
  );
}
