// Engagement counts as sites print them: "1.2万" → 12000, "3亿", "10w+", "1,234", "999+", "2.5k".
// A bare label ("转发", "赞") or an empty string is not a number: undefined, so "unknown" is never stored as 0.

const UNITS: Record<string, number> = { 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8, k: 1e3, K: 1e3, 千: 1e3, m: 1e6, M: 1e6 };

export function parseCount(shown: string | null | undefined): number | undefined {
  if (typeof shown !== 'string' || shown.length > 100) return undefined;
  const m = /(\d[\d,，]*(?:\.\d+)?)\s*(万|亿|千|[wWkKmM])?\s*\+?/u.exec(shown);
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/[,，]/g, ''));
  if (!Number.isFinite(n)) return undefined;
  const value = Math.round(n * (m[2] ? UNITS[m[2]]! : 1));
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
