// Checks the Chromium specs share: axe on an extension page, and the dashboard's integrity check of a report.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, type ExtensionSession } from './chromium';

/**
 * axe-core's serious and critical violations on the page, as "id: targets". The extension pages' CSP forbids
 * inline scripts; evaluating through the debugger is not a page script.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
    const result = await (window as unknown as { axe: { run: (ctx: Document) => Promise<Result> } }).axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Runs 校验证据完整性 on the report's dashboard card and answers what it says. */
export async function verifyOnDashboard(session: ExtensionSession, reportId: string): Promise<string> {
  const dashboard = await session.openDashboard();
  const card = dashboard.locator(`[data-report-id="${reportId}"]`);
  await card.waitFor();
  await card.locator('summary').first().click();
  await card.getByRole('button', { name: '校验证据完整性' }).click();
  const result = card.getByTestId('verify-result');
  await result.waitFor();
  const text = (await result.textContent()) ?? '';
  await dashboard.close();
  return text;
}
