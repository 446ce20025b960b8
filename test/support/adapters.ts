// Each platform's adapter and finder for tests in Node, straight from the sources: the built extension has
// them as one module per platform (vite.config.ts, platformFinders), which only a browser loads.
import * as engine from '../../src/platforms/extract';
import type { PlatformRegistration } from '../../src/platforms/registry';
import type { PlatformAdapter } from '../../src/platforms/types';
import { platformFinder, type ItemFinder } from '../../extension/content/item-finder';

export async function loadAdapter(id: PlatformRegistration['id']): Promise<PlatformAdapter> {
  const module = (await import(`../../src/platforms/${id}/index.ts`)) as { default: PlatformAdapter };
  return module.default;
}

export async function loadFinder(id: PlatformRegistration['id']): Promise<ItemFinder> {
  return platformFinder(await loadAdapter(id), engine);
}
