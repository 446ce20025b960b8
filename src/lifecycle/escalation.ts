// The escalation ladder: platform → 12377 (or the provincial centre) → the channel for this kind of harm.
// 《网络信息内容生态治理规定》 makes the platform the first line; seed 004 says the public may report to the
// national centre when a platform does not handle a report in time; the specialised channels are for
// the harms they name (fraud → police, pornography/piracy → 扫黄打非, rumours → 辟谣平台, …).
import { destination, type DestinationId } from '../destinations/catalog';
import { legalItemOf, taxonomyItem } from '../taxonomy/taxonomy';

/** The specialised channel for a taxonomy id (a sub-category first, then its law item). */
const SPECIALISED_BY_CATEGORY: Readonly<Record<string, DestinationId>> = {
  'illegal-2': '12339',
  'illegal-5': 'cyberpolice',
  'illegal-8': 'piyao',
  'illegal-9': 'shdf',
  'illegal-9-porn': 'shdf',
  'illegal-9-csam': 'shdf',
  'illegal-9-gambling': 'cyberpolice',
  'illegal-9-violence': 'cyberpolice',
  'illegal-9-crime': 'cyberpolice',
  'illegal-10-piracy': 'shdf',
  'illegal-11-fraud': 'cyberpolice',
  'illegal-11-spam-calls': '12321',
  'illegal-11-consumer': '12315',
  'illegal-11-contraband': 'cyberpolice',
};

export function specialisedFor(categoryId: string | null): DestinationId | undefined {
  if (!categoryId) return undefined;
  return SPECIALISED_BY_CATEGORY[categoryId] ?? SPECIALISED_BY_CATEGORY[legalItemOf(categoryId)?.id ?? ''];
}

/** 12377's enterprise-infringement zone takes 涉企侵权 reports instead of the general form. */
function nationalFor(categoryId: string | null): DestinationId {
  return taxonomyItem(categoryId)?.id === 'illegal-10-enterprise' ? '12377-enterprise' : '12377';
}

const PROVINCIAL: readonly DestinationId[] = ['provincial-beijing', 'provincial-shanghai', 'provincial-guangdong', 'provincial-hubei'];

/**
 * Where a report sent to `fromDestinationId` can go next, best first. Destinations the report already
 * went to are left out. Empty when the ladder ends.
 */
export function escalationOptions(fromDestinationId: string, categoryId: string | null, alreadySent: readonly string[] = []): DestinationId[] {
  const kind = destination(fromDestinationId)?.kind;
  const specialised = specialisedFor(categoryId);
  let options: DestinationId[] = [];
  if (kind === 'platform' || kind === 'api' || kind === undefined) options = [nationalFor(categoryId), ...PROVINCIAL];
  else if (kind === 'national' || kind === 'provincial') options = specialised ? [specialised] : [];
  if (kind === 'provincial' && !alreadySent.includes('12377')) options.push('12377');
  if ((kind === 'platform' || kind === 'api' || kind === undefined) && specialised) options.push(specialised);
  return options.filter((id, i) => !alreadySent.includes(id) && id !== fromDestinationId && options.indexOf(id) === i);
}

export interface PriorSubmission {
  destinationName: string;
  /** When it was submitted, already formatted in the person's locale. */
  when: string;
  receiptCode?: string;
}

/**
 * The history that opens an escalated report's description, in the destination's language (Chinese):
 * "已于2026年11月1日向新浪微博举报，举报编号123，至今未处理。"
 */
export function escalationHistory(prior: readonly PriorSubmission[]): string {
  return prior
    .map((p) => `已于${p.when}向${p.destinationName}举报${p.receiptCode ? `，举报编号${p.receiptCode}` : '（无举报编号）'}，至今未处理。`)
    .join('\n');
}

/** China date for the history text (the destination reads Chinese dates), e.g. 2026年11月1日. */
export function chinaDate(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
}
