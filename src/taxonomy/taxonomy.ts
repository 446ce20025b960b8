// The national taxonomy of reportable content, verbatim from 《网络信息内容生态治理规定》
// (国家互联网信息办公室令第5号, 2019): 第六条 lists 违法信息, 第七条 lists 不良信息.
// Ids are stable: they are stored in reports, so never renumber; append.

export type TaxonomyGroup = 'illegal' | 'harmful';

export interface TaxonomyItem {
  /** Stable id, e.g. `illegal-9` for 第六条第九项. */
  id: string;
  group: TaxonomyGroup;
  /** Item number within its article. */
  number: number;
  /** The regulation's wording, verbatim (Chinese in every locale: it is the law's text). */
  legalText: string;
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

export const TAXONOMY: readonly TaxonomyItem[] = [
  ...ILLEGAL.map((legalText, i) => ({ id: `illegal-${i + 1}`, group: 'illegal' as const, number: i + 1, legalText })),
  ...HARMFUL.map((legalText, i) => ({ id: `harmful-${i + 1}`, group: 'harmful' as const, number: i + 1, legalText })),
];

const BY_ID = new Map(TAXONOMY.map((item) => [item.id, item]));

export function taxonomyItem(id: string | null | undefined): TaxonomyItem | undefined {
  return id ? BY_ID.get(id) : undefined;
}

/** The locale key of an item's short name, e.g. `category_illegal_9`. */
export function categoryLabelKey(item: TaxonomyItem): string {
  return `category_${item.group}_${item.number}`;
}
