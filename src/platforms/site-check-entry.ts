// The bundle scripts/check-sites.ts injects into a page: the check, on `window.__raSiteCheck`.
import { checkPage } from './site-check';

(globalThis as unknown as { __raSiteCheck: typeof checkPage }).__raSiteCheck = checkPage;
