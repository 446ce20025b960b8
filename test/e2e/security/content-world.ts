// For the attack suite: run code in the extension's content-script world of a page, exactly where a
// content script runs (its isolated world, with the `chrome.*` APIs a content script has), as an attacker
// who controls that world would. Chromium's DevTools protocol lists the page's execution contexts; the
// extension's isolated world is the one whose origin is the extension's.
import type { BrowserContext, Page } from 'playwright-core';

export interface ContentWorld {
  /** Evaluates an expression (awaited, returned by value) in the content script's world. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export async function contentWorld(context: BrowserContext, page: Page, extensionId: string): Promise<ContentWorld> {
  const cdp = await context.newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as never));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 15_000;
  let world: { id: number } | undefined;
  while (!(world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`))) {
    if (Date.now() > deadline) throw new Error(`no content-script world of ${extensionId} in ${page.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const id = world.id;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const answer = await cdp.send('Runtime.evaluate', { expression, contextId: id, awaitPromise: true, returnByValue: true });
      if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
      return answer.result.value as T;
    },
    close: () => cdp.detach(),
  };
}
