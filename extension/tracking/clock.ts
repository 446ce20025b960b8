// "Now" for tracking. A test setting, `debugClockOffsetMs`, moves the extension's clock forward so a
// response window can pass in a browser test without waiting days; it is 0 (absent) for everyone else.
// Only reminders, escalation records and the dashboard's due dates read it.
//
// Where it lives (issue 24, item 18): in `storage.session`, not `storage.local`. Content scripts can read
// and write `storage.local` — a page's content-script world could move the clock and make every report
// "overdue", with reminders, notifications and escalation offers. `storage.session` is reachable from
// trusted contexts only (the worker and the extension's own pages) unless the extension widens it with
// `setAccessLevel`, which it never does; it is also emptied when the browser stops, so an offset never
// outlives the test session that set it. We chose this over a build-time flag because the browser tests load
// the build exactly as shipped (docs/testing.md): a hook compiled in only for tests would mean testing a
// different build from the one people install. What ships is a read of one session key, which only the
// extension itself (or a person in its DevTools) can set.
import { browser } from '../lib/browser';

export const CLOCK_OFFSET_KEY = 'debugClockOffsetMs';
/** The storage area the offset is read from (and whose changes make the worker look again). */
export const CLOCK_OFFSET_AREA = 'session';

export async function extensionNow(): Promise<Date> {
  const stored = (await browser.storage.session.get(CLOCK_OFFSET_KEY).catch(() => ({})) as Record<string, unknown>)[CLOCK_OFFSET_KEY];
  const offset = typeof stored === 'number' && Number.isFinite(stored) ? stored : 0;
  return new Date(Date.now() + offset);
}
