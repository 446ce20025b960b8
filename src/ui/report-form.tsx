// The report form: the captured evidence, a category from the national taxonomy, where to send it and
// why, a description within each destination's limits, anonymous or real name, and a summary of what will
// be sent before the person states good faith and saves. Every change is written to the store as it
// happens (serialWriter: ordered, last value wins, no timer), so closing the popup loses nothing.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Report } from '../model/report';
import { validateReport, realNameRequiredBy, type FieldErrors, type ReportField } from '../model/validate-report';
import { taxonomyItem } from '../taxonomy/taxonomy';
import type { ReportStore } from '../storage/report-store';
import type { Locale, Translate } from '../i18n/i18n';
import { recommend, preselected } from '../recommend/recommend';
import { destination } from '../destinations/catalog';
import { findDuplicates, type Duplicate } from '../recommend/duplicates';
import { failedPlatformAttempt, type PlatformAttempt } from '../recommend/platform-tried';
import { RESPONSE_WINDOWS_META, type WindowOverrides } from '../lifecycle/response-windows';
import { EvidenceList, ItemSummary, type RetakeState } from './evidence-view';
import type { RetakeOutcome } from '../messaging/messages/capture';
import { serialWriter } from './serial-writer';
import { CategoryPicker } from './form/category-picker';
import { DestinationPicker } from './form/destination-picker';
import { DescriptionField } from './form/description-field';
import { IdentityField } from './form/identity-field';
import { SendSummary } from './form/send-summary';
import { DuplicateNotice } from './form/duplicate-notice';
import { DraftsBar } from './form/drafts-bar';
import { FieldErrorText, errorText } from './form/field-error';
import { useReporterProfile } from './form/profile-editor';
import { purgeForCsam } from './form/csam';
import { MediaFetch, type FetchMediaResult } from './form/media-fetch';

type RedactDialogComponent = typeof import('./form/redact-dialog').RedactDialog;

export const GOOD_FAITH_STATEMENT_KEY = 'goodFaithStatement';

export type SubmitResult = { ok: true; submissionIds: string[] } | { ok: false; error: string; detail?: string };

export interface ReportFormProps {
  /**
   * Takes the screenshot an item was stored without: asks for the permission (in the click) and has the
   * worker picture the item; `progress` hears 'waiting' while the person answers the browser's prompt.
   */
  onRetakeScreenshot?: (reportId: string, itemIndex: number, progress: (state: RetakeState) => void) => Promise<RetakeOutcome>;
  store: ReportStore;
  t: Translate;
  locale?: Locale;
  /** The report to edit; when absent, the most recent draft. */
  reportId?: string | undefined;
  onSaved?: (report: Report) => void;
  /**
   * An edit turned the saved report back into a draft (called once it is stored), so its history can say so.
   * Also called when a draft is opened; the receiver records a reopening only once per save.
   */
  onReopened?: (reportId: string) => void;
  onOpenDashboard?: () => void;
  /** Opens this report in a full tab. Absent when the form is already in one. */
  onOpenInTab?: (reportId: string) => void;
  /**
   * Opens this report in the browser's side panel. Called synchronously in the click (the browser wants a
   * user gesture); `written` resolves when everything typed so far is stored.
   */
  onOpenInPanel?: (reportId: string, written: Promise<void>) => void;
  /** The person switched to another report (or discarded the current one): remember it. */
  onSwitchReport?: (reportId: string | null) => void;
  /** Hands a saved report to the submission queue. */
  onSubmit?: (reportId: string) => Promise<SubmitResult>;
  /** The report further captures are being gathered into (the capture side's 收集模式), if any. */
  collectingInto?: string | null;
  /** Starts gathering further captures into a report, or stops (null). Resolves false if refused. */
  onCollect?: (reportId: string | null) => Promise<boolean>;
  /** A JSON endpoint is configured, so it can be offered as a destination. */
  apiConfigured?: boolean;
  /**
   * How many reports each of these destinations (those with a published limit) received from this
   * browser within its window, so the form can show 12377's 50-per-24-hours before the person submits.
   */
  limitUsage?: (destinationIds: string[]) => Promise<Record<string, number>>;
  /**
   * What to show for a report that was handed to the queue: its submissions and the person's actions
   * (open the destination's page, confirm, retry, cancel). Loaded by the page, so the form stays small.
   */
  submissionsPanel?: (reportId: string) => ComponentChildren;
  /**
   * A second, fire-and-forget copy of each edit (the popup uses extension storage, whose writes are handed to
   * the browser at once): an IndexedDB write still queued when the popup closes is lost with the page, so
   * on the next open the form replays a journaled edit that is newer than the stored report.
   */
  journal?: EditJournal;
  /** Asks the worker to download the post's images as evidence (only on the person's click). */
  onFetchMedia?: (reportId: string) => Promise<FetchMediaResult>;
}

function applyEdit(r: Report, edit: Edit): Report {
  return {
    ...r,
    categoryId: edit.categoryId,
    description: edit.description,
    ...(edit.destinations ? { destinations: edit.destinations } : {}),
    anonymous: edit.anonymous,
    platformAlreadyTried: edit.platformAlreadyTried,
    goodFaith: edit.goodFaith ?? null,
    ...(edit.reopen && r.status === 'saved' ? { status: 'draft' as const } : {}),
    editedAt: edit.at,
    evidence: r.evidence.map((e) => (e.id in edit.exclusions ? { ...e, excluded: edit.exclusions[e.id]! } : e)),
  };
}

let lastEditAt = 0;
/** Now, in ms, but always later than the last edit's: two keystrokes within one millisecond stay in order. */
function editTime(): number {
  lastEditAt = Math.max(Date.now(), lastEditAt + 1);
  return lastEditAt;
}

/** A journaled edit is our own data, but storage can hold anything: check its shape before replaying it. */
function isEdit(value: unknown, reportId: string): value is Edit {
  const e = value as Partial<Edit> | null;
  return (
    !!e &&
    e.id === reportId &&
    typeof e.description === 'string' &&
    (e.categoryId === null || typeof e.categoryId === 'string') &&
    (e.destinations === undefined || (Array.isArray(e.destinations) && e.destinations.every((d) => typeof d === 'string'))) &&
    typeof e.anonymous === 'boolean' &&
    typeof e.platformAlreadyTried === 'boolean' &&
    typeof e.reopen === 'boolean' &&
    !!e.exclusions &&
    typeof e.exclusions === 'object'
  );
}

export interface EditJournal {
  write(reportId: string, entry: { at: number; edit: unknown }): void;
  read(reportId: string): Promise<{ at: number; edit: unknown } | undefined>;
  clear(reportId: string): void;
}

type Load = { state: 'loading' } | { state: 'empty' } | { state: 'error'; message: string } | { state: 'ready'; report: Report };

/** What the form writes: only the fields the person edits, merged into the stored report. */
interface Edit {
  id: string;
  /** When the person made it (epoch ms): a journaled edit is replayed if it is newer than the stored one. */
  at: number;
  categoryId: string | null;
  description: string;
  destinations: string[] | undefined;
  anonymous: boolean;
  platformAlreadyTried: boolean;
  goodFaith: Report['goodFaith'];
  /** Artifact ids the person included or left out in this session. */
  exclusions: Record<string, boolean>;
  /** An edit after saving reopens the report as a draft: the good-faith statement was about what was saved. */
  reopen: boolean;
}

/** The destinations of a report (chosen, or recommended) that publish a limit on reports per person. */
function limitedDestinations(report: Report): string[] {
  const chosen = report.destinations ?? preselected(recommend({ categoryId: report.categoryId, platforms: report.items.map((i) => i.platform) }));
  return [...chosen, ...(chosen.includes('12377') ? [] : ['12377'])].filter((id) => destination(id)?.dailyLimit);
}

const FIELD_ORDER: ReportField[] = ['categoryId', 'destinations', 'description', 'identity', 'goodFaith'];
/** Where the focus goes for each field's error. */
const FIELD_FOCUS: Record<ReportField, (errors: FieldErrors) => string> = {
  categoryId: () => '#category',
  destinations: () => 'input[name="destinations"]',
  description: () => '#description',
  identity: (errors) => (errors.identity?.key === 'errorProfileIncomplete' ? '#profile-name' : '#identity-real-name'),
  goodFaith: () => '#good-faith',
};

export function ReportForm(props: ReportFormProps) {
  const { store, t, locale = 'zh_CN', onSaved, onOpenDashboard, onOpenInTab, onOpenInPanel, onSwitchReport, onSubmit, onCollect, apiConfigured, limitUsage } = props;
  const [currentId, setCurrentId] = useState(props.reportId);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [drafts, setDrafts] = useState<Report[]>([]);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  /** A platform that already failed for this content, from the tracking of earlier reports of it. */
  const [platformAttempt, setPlatformAttempt] = useState<PlatformAttempt>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [exclusions, setExclusions] = useState<Record<string, boolean>>({});
  const [redacting, setRedacting] = useState<string>();
  // The blur/crop editor is its own chunk, fetched the first time a person opens it.
  const [RedactDialog, setRedactDialog] = useState<RedactDialogComponent>();
  const [reload, setReload] = useState(0);
  const [retakes, setRetakes] = useState<Record<number, RetakeState>>({});
  const [collecting, setCollecting] = useState(props.collectingInto ?? null);
  const [collectError, setCollectError] = useState(false);
  const [csamNotice, setCsamNotice] = useState<{ removed: number } | { failed: string }>();
  const [submitState, setSubmitState] = useState<{ state: 'idle' } | { state: 'sending' } | { state: 'done'; count: number } | { state: 'error'; message: string }>({ state: 'idle' });
  const { profile, update: updateProfile, flush: flushProfile } = useReporterProfile(store);
  const [usage, setUsage] = useState<Record<string, number>>({});

  useEffect(() => {
    let cancelled = false;
    setLoad({ state: 'loading' });
    setErrors({});
    setAttempted(false);
    setSaved(false);
    setExclusions({});
    setCsamNotice(undefined);
    setSubmitState({ state: 'idle' });
    (async () => {
      // The report first, so the form shows at once; the other reports (drafts list, duplicates) after.
      let report = currentId ? await store.get(currentId) : (await store.list({ status: 'draft' }))[0];
      if (cancelled) return;
      const journaled = report && props.journal ? await props.journal.read(report.id).catch(() => undefined) : undefined;
      // Newer than the edit the stored report holds: compared by when each edit was made, since an older
      // edit's write can finish after a newer keystroke was journaled (and the popup closed before its write).
      if (report && journaled && journaled.at > (report.editedAt ?? Date.parse(report.updatedAt)) && isEdit(journaled.edit, report.id)) {
        const edit = journaled.edit;
        const at = journaled.at;
        report = await store.update(report.id, (r) => (r.status === 'draft' || r.status === 'saved' ? applyEdit(r, { ...edit, at }) : r));
      }
      // A capture whose worker was stopped before it cut the post's picture out of the full screenshot: the
      // form finishes it (loaded only then; it is no part of the usual path).
      if (report?.pendingCrops?.length) {
        const pending = report;
        const [{ completePendingCrops }, { cropImage }] = await Promise.all([import('../evidence/add-crop'), import('../capture/crop')]);
        report = (await completePendingCrops(store, pending, cropImage, navigator.userAgent).catch(() => undefined)) ?? pending;
        if (cancelled) return;
      }
      // A reopening whose message died with the popup is reported on the next open (the worker records each once).
      if (report?.status === 'draft') props.onReopened?.(report.id);
      if (report && journaled) props.journal?.clear(report.id);
      if (cancelled) return;
      setLoad(report ? { state: 'ready', report } : { state: 'empty' });
      const all = await store.list();
      if (cancelled) return;
      setDrafts(all.filter((r) => r.status === 'draft'));
      const dups = report ? findDuplicates(report, all) : [];
      setDuplicates(dups);
      const overrides = dups.length ? ((await store.getMeta<WindowOverrides>(RESPONSE_WINDOWS_META).catch(() => undefined)) ?? {}) : {};
      if (cancelled) return;
      setPlatformAttempt(failedPlatformAttempt(dups.map((d) => d.report), overrides, new Date()));
    })().catch((err: unknown) => !cancelled && setLoad({ state: 'error', message: String(err) }));
    return () => {
      cancelled = true;
    };
  }, [store, currentId, reload]);

  // Recounted when the person opens a report or its limited destinations change.
  const limitedKey = load.state === 'ready' ? limitedDestinations(load.report).join(',') : '';
  useEffect(() => {
    if (!limitUsage || !limitedKey) return;
    let cancelled = false;
    limitUsage(limitedKey.split(',')).then(
      (counts) => !cancelled && setUsage(counts),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [limitUsage, limitedKey]);

  const writer = useMemo(
    () =>
      serialWriter<Edit>(
        async (edit) => {
          await store.update(edit.id, (r) => applyEdit(r, edit));
        },
        (err) => setSaveError(String(err)),
      ),
    [store],
  );

  if (load.state === 'loading') return <p class="muted">{t('loading')}</p>;
  if (load.state === 'error') return <p role="alert" class="error">{t('errorLoad', load.message)}</p>;

  const switchTo = (id: string | null) => {
    void writer.flush().then(() => {
      onSwitchReport?.(id);
      setCurrentId(id ?? undefined);
    });
  };
  const discard = async (id: string) => {
    await writer.flush();
    await store.delete(id);
    props.journal?.clear(id);
    const next = drafts.find((d) => d.id !== id);
    onSwitchReport?.(next?.id ?? null);
    setCurrentId(next?.id);
    setReload((n) => n + 1);
  };
  const openRedact = (artifactId: string) => {
    void import('./form/redact-dialog').then((m) => {
      setRedactDialog(() => m.RedactDialog);
      setRedacting(artifactId);
    });
  };

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
  const locked = report.status !== 'draft' && report.status !== 'saved';
  const platforms = report.items.map((i) => i.platform);
  // The person's own answer wins; until they give one, an earlier report's failed platform attempt answers.
  const platformTried = report.platformAlreadyTried ?? platformAttempt !== undefined;
  const recommendations = recommend({
    categoryId: report.categoryId,
    platforms,
    platformAlreadyTried: platformTried,
    apiConfigured: apiConfigured ?? false,
  });
  const destinations = report.destinations ?? preselected(recommendations);
  const anonymous = report.anonymous ?? true;
  const requiredBy = realNameRequiredBy(report.categoryId, destinations);

  const change = (patch: Partial<Report>, newExclusions = exclusions) => {
    const reopen = report.status === 'saved' && !('goodFaith' in patch);
    const next: Report = { ...report, ...patch, ...(reopen ? { status: 'draft' as const, goodFaith: null } : {}) };
    setLoad({ state: 'ready', report: next });
    setSaved(false);
    setSubmitState({ state: 'idle' });
    if (attempted) setErrors(validateReport(next, { profile: profile!, stage: 'save' }));
    const edit: Edit = {
      id: next.id,
      at: editTime(),
      categoryId: next.categoryId,
      description: next.description,
      destinations: next.destinations,
      anonymous: next.anonymous ?? true,
      platformAlreadyTried: next.platformAlreadyTried ?? platformTried,
      goodFaith: next.goodFaith ?? null,
      exclusions: newExclusions,
      reopen,
    };
    props.journal?.write(edit.id, { at: edit.at, edit });
    void writer.push(edit);
    if (reopen) void writer.flush().then(() => props.onReopened?.(edit.id));
  };

  const chooseCategory = (categoryId: string | null) => {
    change({ categoryId });
    if (taxonomyItem(categoryId)?.csam && report.evidence.some((e) => e.kind === 'screenshot' || e.kind === 'screenshot-full' || e.kind === 'media')) {
      void writer
        .flush()
        .then(() => purgeForCsam(store, report.id))
        .then(
          ({ report: purged, removed }) => {
            setCsamNotice({ removed });
            setLoad((current) => (current.state === 'ready' ? { state: 'ready', report: { ...current.report, evidence: purged.evidence, evidencePolicy: purged.evidencePolicy } } : current));
          },
          (err: unknown) => setCsamNotice({ failed: String(err) }),
        );
    } else if (taxonomyItem(categoryId)?.csam) {
      setCsamNotice({ removed: 0 });
    }
  };

  const setExcluded = (artifactId: string, excluded: boolean) => {
    const nextExclusions = { ...exclusions, [artifactId]: excluded };
    setExclusions(nextExclusions);
    change({ evidence: report.evidence.map((e) => (e.id === artifactId ? { ...e, excluded } : e)) }, nextExclusions);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setAttempted(true);
    const candidate = { ...report, destinations };
    const found = validateReport(candidate, { profile: profile!, stage: 'save' });
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      document.querySelector<HTMLElement>(FIELD_FOCUS[first](found))?.focus();
      return;
    }
    await Promise.all([writer.flush(), flushProfile()]);
    try {
      const stored = await store.update(report.id, (r) => ({
        ...r,
        status: 'saved',
        destinations,
        anonymous,
        platformAlreadyTried: platformTried,
        goodFaith: report.goodFaith ?? null,
      }));
      setLoad({ state: 'ready', report: stored });
      setDrafts((list) => list.filter((d) => d.id !== stored.id));
      setSaved(true);
      onSaved?.(stored);
    } catch (err) {
      setSaveError(String(err));
    }
  };

  const send = async () => {
    if (!onSubmit) return;
    setSubmitState({ state: 'sending' });
    const result = await onSubmit(report.id).catch((err: unknown) => ({ ok: false as const, error: 'errorInternal', detail: String(err) }));
    if (result.ok) {
      setSubmitState({ state: 'done', count: result.submissionIds.length });
      const fresh = await store.get(report.id);
      if (fresh) setLoad({ state: 'ready', report: fresh });
    } else setSubmitState({ state: 'error', message: t(result.error) + (result.detail ? ` (${result.detail})` : '') });
  };

  /** 授予权限并补拍 / 补拍截图: the popup asks for the permission in this click and the worker takes the picture. */
  const retake = (itemIndex: number) => {
    if (!props.onRetakeScreenshot) return;
    const id = report.id;
    setRetakes((r) => ({ ...r, [itemIndex]: 'working' }));
    void props
      .onRetakeScreenshot(id, itemIndex, (progress) => setRetakes((r) => ({ ...r, [itemIndex]: progress })))
      .catch(() => 'failed' as const)
      .then(async (outcome) => {
        setRetakes((r) => ({ ...r, [itemIndex]: outcome }));
        const fresh = await store.get(id);
        if (fresh) setLoad((current) => (current.state === 'ready' && current.report.id === id ? { state: 'ready', report: { ...current.report, items: fresh.items, evidence: fresh.evidence, signed: fresh.signed } } : current));
      });
  };

  const errorCount = Object.keys(errors).length;

  return (
    <form class="report-form" onSubmit={submit} noValidate data-report-id={report.id} data-status={report.status}>
      <DraftsBar drafts={drafts} currentId={report.id} onSwitch={(id) => switchTo(id)} onDiscard={(id) => void discard(id)} t={t} />
      <DuplicateNotice
        duplicates={duplicates}
        t={t}
        locale={locale}
        onOpen={(id) => switchTo(id)}
        onCollectInto={
          onCollect
            ? (id) => {
                void onCollect(id).then((ok) => {
                  if (ok) setCollecting(id);
                  switchTo(id);
                });
              }
            : undefined
        }
      />
      {locked ? (
        <p class="notice" role="status" data-testid="locked">
          {t('formLocked', t(`status_${report.status}`))}
        </p>
      ) : null}
      {locked && report.status === 'submitted' && props.submissionsPanel ? props.submissionsPanel(report.id) : null}
      <fieldset class="plain" disabled={locked}>
        <h2 class="section-title">{t('evidenceHeading')}</h2>
        <ItemSummary report={report} t={t} retakes={retakes} {...(props.onRetakeScreenshot && !locked ? { onRetake: retake } : {})} />
        <EvidenceList report={report} store={store} t={t} compact editing={{ onExclude: setExcluded, onRedact: openRedact }} />
        {props.onFetchMedia && !locked ? (
          <MediaFetch
            report={report}
            t={t}
            onFetch={props.onFetchMedia}
            onFetched={() =>
              void store.get(report.id).then((fresh) => {
                if (fresh) setLoad({ state: 'ready', report: { ...report, evidence: fresh.evidence, signed: fresh.signed } as Report });
              })
            }
          />
        ) : null}
        {onCollect && !locked ? (
          <div class="collect">
            {collecting === report.id ? (
              <p class="note" role="status" data-testid="collecting">
                {t('formCollecting', report.items.length)}
              </p>
            ) : null}
            <button
              type="button"
              class="small"
              aria-pressed={collecting === report.id ? 'true' : 'false'}
              data-testid="collect-toggle"
              onClick={() => {
                const next = collecting === report.id ? null : report.id;
                setCollectError(false);
                void onCollect(next).then((ok) => (ok ? setCollecting(next) : setCollectError(true)));
              }}
            >
              {t(collecting === report.id ? 'formCollectStop' : 'formCollectStart')}
            </button>
            {collectError ? (
              <p class="field-error" role="alert">
                {t('formCollectFailed')}
              </p>
            ) : null}
          </div>
        ) : null}
        {csamNotice ? (
          <p class="notice strong" role="alert" data-testid="csam-notice">
            {'failed' in csamNotice ? t('csamPurgeFailed', csamNotice.failed) : t('csamNotice', csamNotice.removed)}
          </p>
        ) : null}

        <CategoryPicker value={report.categoryId} onChange={chooseCategory} error={errors.categoryId} t={t} />

        <DestinationPicker
          recommendations={recommendations}
          chosen={destinations}
          categoryId={report.categoryId}
          platformAlreadyTried={platformTried}
          platformAttempt={platformAttempt}
          locale={locale}
          onChange={(next) => change({ destinations: next })}
          onPlatformAlreadyTried={(value) => change({ platformAlreadyTried: value })}
          usage={usage}
          error={errors.destinations}
          t={t}
        />

        <DescriptionField value={report.description} destinations={destinations} onChange={(description) => change({ description })} error={errors.description} t={t} />

        <IdentityField
          anonymous={anonymous}
          requiredBy={requiredBy}
          profile={profile}
          onAnonymous={(value) => change({ anonymous: value })}
          onProfile={(p) => {
            updateProfile(p);
            if (attempted) setErrors(validateReport({ ...report, destinations }, { profile: p, stage: 'save' }));
          }}
          error={errors.identity}
          t={t}
        />

        <SendSummary report={report} destinations={destinations} anonymous={anonymous} profile={profile} t={t} />

        <div class="field good-faith">
          <label class="check">
            <input
              id="good-faith"
              type="checkbox"
              checked={!!report.goodFaith?.at}
              aria-invalid={errors.goodFaith ? 'true' : 'false'}
              aria-describedby={errors.goodFaith ? 'good-faith-error malicious-warning' : 'malicious-warning'}
              onChange={(e) =>
                change({ goodFaith: (e.currentTarget as HTMLInputElement).checked ? { statementKey: GOOD_FAITH_STATEMENT_KEY, at: new Date().toISOString() } : null })
              }
            />
            {t(GOOD_FAITH_STATEMENT_KEY)}
          </label>
          <FieldErrorText id="good-faith-error" error={errors.goodFaith} t={t} />
          <p id="malicious-warning" class="warning">
            {t('maliciousWarning')}
          </p>
        </div>
      </fieldset>

      {saveError ? (
        <p class="error" role="alert">
          {t('errorSave', saveError)}
        </p>
      ) : null}
      <p class="visually-hidden" role="status" aria-live="polite">
        {errorCount ? t('formHasErrors', errorCount, FIELD_ORDER.filter((f) => errors[f]).map((f) => errorText(errors[f]!, t)).join(' ')) : ''}
      </p>
      <div class="actions">
        <button type="submit" class="primary" data-report-assistant="save" disabled={locked}>
          {t('saveReport')}
        </button>
        {report.status === 'saved' && onSubmit ? (
          <button type="button" class="primary" onClick={() => void send()} disabled={submitState.state === 'sending'} data-report-assistant="submit">
            {t('submitReport', destinations.length)}
          </button>
        ) : null}
        {onOpenInTab ? (
          <button type="button" onClick={() => void writer.flush().then(() => onOpenInTab(report.id))} data-testid="open-in-tab">
            {t('openInTab')}
          </button>
        ) : null}
        {onOpenInPanel ? (
          <button type="button" onClick={() => onOpenInPanel(report.id, writer.flush())} data-testid="open-in-panel">
            {t('openInPanel')}
          </button>
        ) : null}
        {onOpenDashboard ? (
          <button type="button" onClick={onOpenDashboard}>
            {t('openDashboard')}
          </button>
        ) : null}
      </div>
      {saved || report.status === 'saved' ? (
        <p class="ok" role="status" data-testid="saved">
          {t('reportSaved')}
        </p>
      ) : null}
      {submitState.state === 'done' ? (
        <p class="ok" role="status" data-testid="submitted">
          {t('reportQueued', submitState.count)}
        </p>
      ) : null}
      {submitState.state === 'error' ? (
        <p class="error" role="alert" data-testid="submit-error">
          {t('errorSubmit', submitState.message)}
        </p>
      ) : null}
      {redacting && RedactDialog ? (
          <RedactDialog
            store={store}
            reportId={report.id}
            artifactId={redacting}
            t={t}
            onSaved={(updated) => {
              setRedacting(undefined);
              const next = { ...exclusions, [redacting]: true };
              setExclusions(next);
              setLoad({ state: 'ready', report: { ...report, evidence: updated.evidence, signed: updated.signed } as Report });
            }}
            onClose={() => setRedacting(undefined)}
          />
      ) : null}
    </form>
  );
}
