// Compares content-script builds on the bench feed's scroll (scripts/bench/content-script.ts), for a closer look
// than the bench's own figure: what each build adds to the page, measured inside its own browser. Each variant
// — `bare` (the same browser without an extension: the control, whose figure should be about 0) or the
// directory of an unpacked Chromium build — gets a browser of its own, and in every round each browser scrolls
// the feed on weibo.com (where the content script runs) and on a host the extension does not touch, in turn.
// A variant's figure is the median of its rounds' differences (weibo.com − untouched), so what one browser
// instance does faster or slower than another cancels out (two bare browsers read 2–7% apart, which a
// comparison across browsers cannot tell from a build's cost). The variants go round in a rotating order, and
// a fresh set of browsers is launched for each block. It takes many rounds: with 9 per variant the 95%
// intervals were still ±15–20 ms (the control −5 ms, a build whose content script is an empty module +16 ms).
// Usage: tsx scripts/bench/content-ab.ts [--runs N] [--blocks B] bare dist-a/chrome dist-b/chrome …
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchWithExtension, launchWithoutExtension } from '../../test/support/chromium';
import { bootstrapInterval, median, scrollRun, serveFeed } from './content-script';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return Number(value);
};
const RUNS = option('--runs', 12);
const BLOCKS = option('--blocks', 3);
const variants = args;
if (variants.length < 1) throw new Error('usage: content-ab.ts [--runs N] [--blocks B] bare|<dist/chrome> …');

async function main(): Promise<void> {
  const { server, rules, url, untouchedUrl } = await serveFeed();
  const runs = variants.map(() => ({ on: [] as number[], off: [] as number[] }));
  for (let block = 0; block < BLOCKS; block++) {
    const opened: Array<{ context: BrowserContext; close: () => Promise<void> }> = [];
    for (const variant of variants) {
      if (variant === 'bare') {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'ra-ab-bare-'));
        const context = await launchWithoutExtension({ userDataDir: dir, hostResolverRules: rules });
        opened.push({ context, close: async () => (await context.close(), await rm(dir, { recursive: true, force: true })) });
      } else {
        const session = await launchWithExtension({ dist: path.resolve(variant), hostResolverRules: rules });
        opened.push({ context: session.context, close: () => session.close() });
      }
    }
    for (const { context } of opened) {
      await scrollRun(context, url);
      await scrollRun(context, untouchedUrl);
    }
    const rounds = Math.floor(RUNS / BLOCKS) + (block < RUNS % BLOCKS ? 1 : 0);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < variants.length; k++) {
        const v = (k + r + block) % variants.length;
        const { context } = opened[v]!;
        // Which page goes first alternates too.
        const order = (r + k) % 2 === 0 ? [url, untouchedUrl] : [untouchedUrl, url];
        for (const page of order) runs[v]![page === url ? 'on' : 'off'].push((await scrollRun(context, page)).script);
      }
    }
    for (const { close } of opened) await close();
  }
  await server.close();
  console.log(`bench feed scrolled top to bottom, ${RUNS} rounds per variant in ${BLOCKS} blocks (ScriptDuration, ms):`);
  variants.forEach((variant, v) => {
    const { on, off } = runs[v]!;
    const diffs = on.map((x, i) => x - off[i]!);
    const [low, high] = bootstrapInterval(diffs.length, (drawn) => median(drawn.map((i) => diffs[i]!)));
    console.log(
      `${variant.padEnd(40)} weibo.com ${median(on).toFixed(1).padStart(7)}   untouched ${median(off).toFixed(1).padStart(7)}   added ${median(diffs).toFixed(1).padStart(6)} (95% ${low.toFixed(1)} to ${high.toFixed(1)})   ratio ${(median(on) / median(off)).toFixed(3)}`,
    );
  });
}

await main();
