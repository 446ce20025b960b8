// Where to send a report, and why. The rules follow the law's order: the platform's own entry first
// (《网络信息内容生态治理规定》第十六条 obliges platforms to take and answer reports), 12377 when the platform
// has no entry or already failed to act (the escalation path), and a specialised channel when the kind of
// content has one (fraud → police, pornography and piracy → 扫黄打非, rumours → 辟谣平台, …).
// Every recommendation carries the locale key of its reason, so the form can say why.
import type { PlatformId } from '../model/captured-post';
import { destination, platformDestination, type DestinationId } from '../destinations/catalog';
import { legalItemOf, taxonomyItem } from '../taxonomy/taxonomy';

export type RecommendationRole =
  /** The first line: the platform's own entry, or 12377 in its place. Pre-selected. */
  | 'first'
  /** A specialised channel for this kind of content, in addition. Pre-selected. */
  | 'specialised'
  /** Where to go next if the first line does not act. Offered, not pre-selected. */
  | 'escalation'
  /** Worth knowing, not a web destination we can fill (an in-app entry). Offered, not pre-selected. */
  | 'also';

export interface Recommendation {
  destinationId: DestinationId;
  role: RecommendationRole;
  /** Locale key of the reason shown next to the destination. */
  reasonKey: string;
  /** Locale keys of arguments to the reason (translated before substitution). */
  reasonArgKeys?: string[];
  /** A locale key of advice beyond the extension (call 110 now). */
  adviceKey?: string;
}

export interface RecommendInput {
  categoryId: string | null;
  /** The platforms the report's items were captured on, in item order. */
  platforms: readonly PlatformId[];
  /** The person already reported it on the platform and nothing happened. */
  platformAlreadyTried?: boolean;
  /** The person has configured a JSON endpoint in the settings. */
  apiConfigured?: boolean;
}

/** Specialised channels by taxonomy id (a sub-category or one of the law's items). */
export const SPECIALISED: Readonly<Record<string, ReadonlyArray<{ id: DestinationId; reasonKey: string; adviceKey?: string }>>> = {
  'illegal-2': [{ id: '12339', reasonKey: 'rec_security' }],
  'illegal-8': [{ id: 'piyao', reasonKey: 'rec_rumour' }],
  'illegal-9-porn': [{ id: 'shdf', reasonKey: 'rec_porn' }],
  'illegal-9-csam': [
    { id: 'cyberpolice', reasonKey: 'rec_csam_police' },
    { id: 'shdf', reasonKey: 'rec_porn' },
  ],
  'illegal-9-gambling': [{ id: 'cyberpolice', reasonKey: 'rec_gambling' }],
  'illegal-10-piracy': [{ id: 'shdf', reasonKey: 'rec_piracy' }],
  'illegal-10-enterprise': [{ id: '12377-enterprise', reasonKey: 'rec_enterprise' }],
  'illegal-11-fraud': [{ id: 'cyberpolice', reasonKey: 'rec_fraud', adviceKey: 'rec_fraud_advice' }],
  'illegal-11-spam-calls': [{ id: '12321', reasonKey: 'rec_spam' }],
  'illegal-11-consumer': [{ id: '12315', reasonKey: 'rec_consumer' }],
  'illegal-11-contraband': [{ id: 'cyberpolice', reasonKey: 'rec_contraband', adviceKey: 'rec_fraud_advice' }],
};

/** A platform entry the extension can open or write to: a web page or a published e-mail address. */
function reachable(id: DestinationId): boolean {
  const d = destination(id);
  return !!d && (d.entries.length > 0 || d.emails.length > 0);
}

export function recommend(input: RecommendInput): Recommendation[] {
  const out: Recommendation[] = [];
  const add = (r: Recommendation) => {
    if (!out.some((o) => o.destinationId === r.destinationId)) out.push(r);
  };

  const platformDests = [...new Set(input.platforms)]
    .map((p) => platformDestination(p))
    .filter((d): d is NonNullable<typeof d> => !!d);
  const reachablePlatforms = platformDests.filter((d) => reachable(d.id));

  if (input.platformAlreadyTried) {
    add({ destinationId: '12377', role: 'first', reasonKey: 'rec_platform_failed' });
  } else if (reachablePlatforms.length > 0) {
    for (const d of reachablePlatforms) add({ destinationId: d.id, role: 'first', reasonKey: 'rec_platform_first', reasonArgKeys: [d.nameKey] });
  } else {
    add({ destinationId: '12377', role: 'first', reasonKey: 'rec_no_platform_entry' });
  }

  const item = taxonomyItem(input.categoryId);
  if (item) {
    const specialised = SPECIALISED[item.id] ?? [];
    for (const s of specialised) add({ destinationId: s.id, role: 'specialised', reasonKey: s.reasonKey, ...(s.adviceKey ? { adviceKey: s.adviceKey } : {}) });
    // The law's item's own specialised channel also applies to its sub-categories (rumours → 辟谣平台).
    const legal = legalItemOf(item.id);
    if (legal && legal.id !== item.id) {
      for (const s of SPECIALISED[legal.id] ?? []) add({ destinationId: s.id, role: 'specialised', reasonKey: s.reasonKey });
    }
  }

  // The escalation path, shown so the person knows it exists; the platform gets its chance first.
  add({ destinationId: '12377', role: 'escalation', reasonKey: 'rec_escalate' });
  // Platforms without a web entry: say where the entry is instead of pretending to fill it.
  for (const d of platformDests) if (!reachable(d.id)) add({ destinationId: d.id, role: 'also', reasonKey: 'rec_platform_in_app', reasonArgKeys: [d.nameKey] });
  if (input.apiConfigured) add({ destinationId: 'https-api', role: 'also', reasonKey: 'rec_api' });
  return out;
}

/** The destinations to pre-select: the first line and the specialised channels. */
export function preselected(recommendations: readonly Recommendation[]): DestinationId[] {
  return recommendations.filter((r) => r.role === 'first' || r.role === 'specialised').map((r) => r.destinationId);
}
