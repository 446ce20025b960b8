/**
 * The optional "all sites" permission. `<all_urls>` rather than http/https patterns because
 * `tabs.captureVisibleTab` accepts only it (or activeTab): with it, report buttons appear on every site
 * and a click on one can take the screenshot.
 */
export const EVERYWHERE_PERMISSION = { origins: ['<all_urls>'] };
