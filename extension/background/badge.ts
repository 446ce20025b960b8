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
  await browser.action.setBadgeText({ text: n > 0 ? String(n) : '' });
  if (n > 0) await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  return n;
}
