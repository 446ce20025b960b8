// Sizes a captured record may have. Kept apart from the schemas so code that runs in every page (the
// content script) can clip to them without loading valibot.
/** Limits keep a hostile page from filling the disk or the message channel. */
export const LIMITS = {
  text: 200_000,
  shortText: 2_000,
  url: 4_096,
  media: 200,
  ids: 32,
  context: 200,
} as const;
