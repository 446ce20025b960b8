// 收集模式 (gathering): several posts — say, many posts of one account harassing someone — go into one
// report. The form starts it for a report; until the person stops, every capture is appended to that
// report. The target lives in storage.local (`collectInto`), so it survives the worker and the browser.
import { browser } from '../lib/browser';
import type { ReportStore } from '../../src/storage/report-store';
import { canGatherInto } from '../../src/evidence/record-capture';
import { workerTranslator } from './capture-i18n';
import { setGatheringCount } from './badge';

export const COLLECT_KEY = 'collectInto';

/**
 * The worker's copy of `collectInto`, so a capture does not wait for storage before its screenshot: read
 * once per worker life, then kept in step by start/stop below and by storage.onChanged (other writers).
 */
let known: { id: string | undefined } | undefined;
const asId = (value: unknown) => (typeof value === 'string' ? value : undefined);

async function collectInto(): Promise<string | undefined> {
  if (known) return known.id;
  const stored = (await browser.storage.local.get(COLLECT_KEY)) as Record<string, unknown>;
  // A change heard while reading is newer than what was read.
  known ??= { id: asId(stored[COLLECT_KEY]) };
  return known.id;
}

/** The report being gathered into, if any and if it can still take items; a stale target is cleared. */
export async function gatheringTarget(store: ReportStore): Promise<string | undefined> {
  const id = await collectInto();
  if (id === undefined) return undefined;
  if (canGatherInto(await store.get(id))) return id;
  await stopGathering();
  return undefined;
}

export async function startGathering(store: ReportStore, reportId: string): Promise<{ ok: true; reportId: string; itemCount: number } | { ok: false; error: string }> {
  const report = await store.get(reportId);
  if (!report) return { ok: false, error: 'collect_errorNoReport' };
  if (!canGatherInto(report)) return { ok: false, error: 'collect_errorClosed' };
  await browser.storage.local.set({ [COLLECT_KEY]: reportId });
  known = { id: reportId };
  await showGatheringBadge(report.items.length);
  return { ok: true, reportId, itemCount: report.items.length };
}

export async function stopGathering(): Promise<void> {
  await browser.storage.local.remove(COLLECT_KEY);
  known = { id: undefined };
  await showGatheringBadge(undefined);
}

/**
 * Badge updates for gathering, one after another: the update after a capture runs once its crop is done
 * (capture.ts), which can be after the person stopped gathering; in line, it cannot land after the stop's.
 */
let badgeLine: Promise<void> = Promise.resolve();
function inLine(update: () => Promise<void>): Promise<void> {
  const next = badgeLine.then(update);
  badgeLine = next.catch(() => undefined);
  return next;
}

/** While gathering, the toolbar badge (badge.ts) shows how many items the report holds, and the title says so. */
export function showGatheringBadge(itemCount: number | undefined): Promise<void> {
  return inLine(() => drawGatheringBadge(itemCount));
}

/** After a capture was added to `reportId`: its new count, if the person is still gathering into that report. */
export function showGatheredCount(reportId: string, itemCount: number): Promise<void> {
  return inLine(async () => {
    if ((await collectInto()) === reportId) await drawGatheringBadge(itemCount);
  });
}

async function drawGatheringBadge(itemCount: number | undefined): Promise<void> {
  try {
    await setGatheringCount(itemCount);
    const t = await workerTranslator();
    await browser.action.setTitle({ title: itemCount === undefined ? t('extName') : t('collect_badgeTitle', itemCount) });
  } catch (err) {
    console.warn('[report-assistant] badge', err);
  }
}

export function registerCollectListeners(store: () => ReportStore): void {
  // Badges do not survive a browser restart; the gathering does.
  const refresh = () =>
    void gatheringTarget(store())
      .then(async (id) => showGatheringBadge(id ? (await store().get(id))?.items.length : undefined))
      .catch((e: unknown) => console.warn('[report-assistant] gathering badge', e));
  browser.runtime.onStartup.addListener(refresh);
  browser.runtime.onInstalled.addListener(refresh);
  browser.storage.onChanged.addListener((changes, area) => {
    const change = area === 'local' ? changes[COLLECT_KEY] : undefined;
    if (change) known = { id: asId(change.newValue) };
  });
}
