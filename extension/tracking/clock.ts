// "Now" for tracking. A test setting, `debugClockOffsetMs` in browser.storage.local, moves the
// extension's clock forward so a response window can pass in a browser test without waiting days; it
// is 0 (absent) for everyone else. Only reminders and the dashboard's due dates read it.
import { browser } from '../lib/browser';

export const CLOCK_OFFSET_KEY = 'debugClockOffsetMs';

export async function extensionNow(): Promise<Date> {
  const stored = (await browser.storage.local.get(CLOCK_OFFSET_KEY))[CLOCK_OFFSET_KEY];
  const offset = typeof stored === 'number' && Number.isFinite(stored) ? stored : 0;
  return new Date(Date.now() + offset);
}
