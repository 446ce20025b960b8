// The worker answers a capture once its signed record — text, page facts, the full visible-tab screenshot —
// is stored, and adds the post's cropped picture right after (src/evidence/add-crop.ts). A test that looks
// at the cropped picture waits for it with these.

/** Whether item `itemIndex` of the report has its element picture (cropped or stitched). */
export function hasElementShot(report: { evidence: ReadonlyArray<{ kind: string; itemIndex: number }> }, itemIndex = 0): boolean {
  return report.evidence.some((e) => e.kind === 'screenshot' && e.itemIndex === itemIndex);
}

/** Reads until `ready` holds (or throws after `timeoutMs` with what was read last). */
export async function readUntil<R>(read: () => Promise<R | undefined>, ready: (r: R) => boolean, timeoutMs = 15_000): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  let last: R | undefined;
  for (;;) {
    last = await read();
    if (last !== undefined && ready(last)) return last;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
