// Types of scripts/manifest-for-browser.mjs, for vite.config.ts and the tests.
export type Browser = 'chrome' | 'firefox';
export const GECKO_ID: string;
export const GECKO_MIN_VERSION: string;
export const BROWSERS: readonly Browser[];
export function manifestFor(browser: Browser, base: Record<string, unknown>): Record<string, unknown>;
export function finishBuiltManifest(browser: Browser, built: Record<string, unknown>): Record<string, unknown>;
