// The national taxonomy of reportable content, verbatim from 《网络信息内容生态治理规定》
// (国家互联网信息办公室令第5号, 2019): 第六条 lists 违法信息, 第七条 lists 不良信息.
// Ids are stable: they are stored in reports, so never renumber; append.
//
// Some items of the law are broad (第六条第九项 covers pornography, gambling and violence alike). Where the
// right destination or the destinations' own reason codes differ within one item, the item has
// sub-categories (`parentId`). A sub-category is a refinement a person may pick, never a new legal ground:
// its `legalText` is its parent's.

export type TaxonomyGroup = 'illegal' | 'harmful';

export interface TaxonomyItem {
  /** Stable id, e.g. `illegal-9` for 第六条第九项, `illegal-9-csam` for a sub-category of it. */
  id: string;
  group: TaxonomyGroup;
  /** Item number within its article. */
  number: number;
  /** The regulation's wording, verbatim (Chinese in every locale: it is the law's text). */
  legalText: string;
  /** Set on a sub-category: the id of the law's item it refines. */
  parentId?: string;
  /** The sub-category's own part of the id (`csam` in `illegal-9-csam`). */
  sub?: string;
  /**
   * Child sexual abuse content. Choosing it removes every screenshot and media file from the report
   * (only URLs and ids are kept, never forwarded as pictures): INHOPE practice, and possessing such
   * material is itself an offence.
   */
  csam?: true;
}

const ILLEGAL: readonly string[] = [
  '反对宪法所确定的基本原则的',
  '危害国家安全，泄露国家秘密，颠覆国家政权，破坏国家统一的',
  '损害国家荣誉和利益的',
  '歪曲、丑化、亵渎、否定英雄烈士事迹和精神，以侮辱、诽谤或者其他方式侵害英雄烈士的姓名、肖像、名誉、荣誉的',
  '宣扬恐怖主义、极端主义或者煽动实施恐怖活动、极端主义活动的',
  '煽动民族仇恨、民族歧视，破坏民族团结的',
  '破坏国家宗教政策，宣扬邪教和封建迷信的',
  '散布谣言，扰乱经济秩序和社会秩序的',
  '散布淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪的',
  '侮辱或者诽谤他人，侵害他人名誉、隐私和其他合法权益的',
  '法律、行政法规禁止的其他内容',
];

const HARMFUL: readonly string[] = [
  '使用夸张标题，内容与标题严重不符的',
  '炒作绯闻、丑闻、劣迹等的',
  '不当评述自然灾害、重大事故等灾难的',
  '带有性暗示、性挑逗等易使人产生性联想的',
  '展现血腥、惊悚、残忍等致人身心不适的',
  '煽动人群歧视、地域歧视等的',
  '宣扬低俗、庸俗、媚俗内容的',
  '可能引发未成年人模仿不安全行为和违反社会公德行为、诱导未成年人不良嗜好等的',
  '其他对网络生态造成不良影响的内容',
];

/**
 * Sub-categories, by the law's item they refine. Chosen where a destination treats them differently:
 * 12377 has separate 色情类/赌博类/诈骗类/侵权类 types, and fraud, piracy, spam calls and consumer
 * complaints each have their own specialised channel.
 */
const SUBCATEGORIES: ReadonlyArray<{ parent: string; sub: string; csam?: true }> = [
  { parent: 'illegal-9', sub: 'porn' },
  { parent: 'illegal-9', sub: 'csam', csam: true },
  { parent: 'illegal-9', sub: 'gambling' },
  { parent: 'illegal-9', sub: 'violence' },
  { parent: 'illegal-9', sub: 'crime' },
  { parent: 'illegal-10', sub: 'insult' },
  { parent: 'illegal-10', sub: 'privacy' },
  { parent: 'illegal-10', sub: 'enterprise' },
  { parent: 'illegal-10', sub: 'piracy' },
  { parent: 'illegal-11', sub: 'fraud' },
  { parent: 'illegal-11', sub: 'spam-calls' },
  { parent: 'illegal-11', sub: 'consumer' },
  { parent: 'illegal-11', sub: 'contraband' },
];

const TOP: readonly TaxonomyItem[] = [
  ...ILLEGAL.map((legalText, i) => ({ id: `illegal-${i + 1}`, group: 'illegal' as const, number: i + 1, legalText })),
  ...HARMFUL.map((legalText, i) => ({ id: `harmful-${i + 1}`, group: 'harmful' as const, number: i + 1, legalText })),
];

const TOP_BY_ID = new Map(TOP.map((item) => [item.id, item]));

/** Every item of the law, each followed by its sub-categories, in the law's order. */
export const TAXONOMY: readonly TaxonomyItem[] = TOP.flatMap((item) => [
  item,
  ...SUBCATEGORIES.filter((s) => s.parent === item.id).map(
    (s): TaxonomyItem => ({
      id: `${item.id}-${s.sub}`,
      group: item.group,
      number: item.number,
      legalText: TOP_BY_ID.get(s.parent)!.legalText,
      parentId: item.id,
      sub: s.sub,
      ...(s.csam ? { csam: true as const } : {}),
    }),
  ),
]);

/** The law's own items only (第六条 1–11, 第七条 1–9). */
export const LEGAL_ITEMS: readonly TaxonomyItem[] = TOP;

const BY_ID = new Map(TAXONOMY.map((item) => [item.id, item]));

export function taxonomyItem(id: string | null | undefined): TaxonomyItem | undefined {
  return id ? BY_ID.get(id) : undefined;
}

/** The sub-categories of one of the law's items. */
export function subcategories(parentId: string): TaxonomyItem[] {
  return TAXONOMY.filter((item) => item.parentId === parentId);
}

/** The law's item an id belongs to: itself, or its parent for a sub-category. */
export function legalItemOf(id: string | null | undefined): TaxonomyItem | undefined {
  const item = taxonomyItem(id);
  return item?.parentId ? taxonomyItem(item.parentId) : item;
}

const keyBase = (item: TaxonomyItem) =>
  `category_${item.group}_${item.number}${item.sub ? `_${item.sub.replace(/-/g, '_')}` : ''}`;

/** The locale key of an item's short name, e.g. `category_illegal_9`, `category_illegal_9_csam`. */
export function categoryLabelKey(item: TaxonomyItem): string {
  return keyBase(item);
}

/** The locale key of an item's plain-language hint: what it covers, in everyday words. */
export function categoryHintKey(item: TaxonomyItem): string {
  return `${keyBase(item)}_hint`;
}

/** The locale key of an item's examples. */
export function categoryExamplesKey(item: TaxonomyItem): string {
  return `${keyBase(item)}_examples`;
}
