// The toolbar badge: how many submissions wait for the person (a page to submit, an e-mail to send).
// Recomputed from storage after every change, so a restarted worker or browser shows the same number.
import { browser } from '../lib/browser';
import type { SubmissionStore } from '../../src/queue/submission-store';
import type { Submission } from '../../src/model/submission';

export function waitingForPerson(subs: readonly Submission[]): number {
  return subs.filter((s) => s.state === 'awaiting-person' || (s.state === 'submitting' && s.channel !== 'api')).length;
}

export async function updateBadge(store: SubmissionStore): Promise<number> {
  const n = waitingForPerson(await store.listByStates(['awaiting-person', 'submitting']));
  await browser.storage.local.set({ [WAITING_KEY]: n });
  await showBadge();
  return n;
}

// Every count the badge shows is kept in storage, so any feature (and a restarted worker) redraws the same
// badge. While the person gathers posts into one report, the badge shows that report's item count instead.
const WAITING_KEY = 'badgeWaitingCount';
const OVERDUE_KEY = 'badgeOverdueCount';
const GATHERING_KEY = 'badgeGatheringCount';

/** Reports whose answer window passed with no answer (extension/background/tracking.ts). */
export async function setOverdueCount(n: number): Promise<void> {
  await browser.storage.local.set({ [OVERDUE_KEY]: n });
  await showBadge();
}

/** The item count of the report being gathered into, or undefined when gathering ends. */
export async function setGatheringCount(n: number | undefined): Promise<void> {
  if (n === undefined) await browser.storage.local.remove(GATHERING_KEY);
  else await browser.storage.local.set({ [GATHERING_KEY]: n });
  await showBadge();
}

async function showBadge(): Promise<void> {
  const stored = await browser.storage.local.get([WAITING_KEY, OVERDUE_KEY, GATHERING_KEY]);
  const count = (key: string) => (typeof stored[key] === 'number' ? (stored[key] as number) : 0);
  if (typeof stored[GATHERING_KEY] === 'number') {
    await browser.action.setBadgeBackgroundColor({ color: '#c62828' });
    await browser.action.setBadgeText({ text: String(stored[GATHERING_KEY]) });
    return;
  }
  const n = count(WAITING_KEY) + count(OVERDUE_KEY);
  await browser.action.setBadgeText({ text: n > 0 ? String(n) : '' });
  if (n > 0) await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
}
