// Size of what each extension page and the content script load, gzipped, from the built dist/chrome.
// Budgets (issue #3, #4): content script that runs on every page ≤ 15 KB; the popup's own JS ≤ 30 KB.
import { contentScriptGraph, gzipped, pageEntry, staticGraph } from './bundle-graph';

const rows = [
  ['content script (every page)', gzipped(contentScriptGraph().files), 15 * 1024],
  ['popup (form)', gzipped(staticGraph(pageEntry('extension/popup/index.html'))), 30 * 1024],
  ['dashboard', gzipped(staticGraph(pageEntry('extension/dashboard/index.html'))), undefined],
] as const;
for (const [name, bytes, budget] of rows) {
  const kb = (bytes / 1024).toFixed(1);
  console.log(`${name.padEnd(30)} ${kb.padStart(7)} KB gzipped${budget ? `   (goal ≤ ${budget / 1024} KB: ${bytes <= budget ? 'met' : 'NOT met'})` : ''}`);
}
