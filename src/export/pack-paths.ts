// Names of files inside the ZIPs the extension writes (evidence packs, the destination's evidence pack).
// Parts of those names come from stored data — an artifact's `kind`, a report's `id` — and stored data can
// come from a restored backup or a pack someone else made, so a part can hold anything: `../`, `/etc`,
// `C:\`, a NUL, a bidi override. Every part goes through `safePathComponent`, which keeps only letters,
// digits, `.`, `_` and `-` (ASCII), never two dots in a row, never a leading dot (so never `.` or `..`),
// and never nothing.

const MAX_COMPONENT = 48;

/** One path component: `[A-Za-z0-9._-]` only, starting with a letter or digit, at most 48 characters, never empty. */
export function safePathComponent(value: unknown, fallback = 'x'): string {
  const cleaned = String(value ?? '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+/, '')
    .slice(0, MAX_COMPONENT)
    .replace(/[._]+$/, '');
  return cleaned || fallback;
}

/** Whether a path inside a ZIP is made only of safe components (what every name written here satisfies). */
export function isSafeZipPath(path: string): boolean {
  return path.split('/').every((p) => p.length <= 120 && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p) && !p.includes('..'));
}
