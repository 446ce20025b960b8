// Search over the taxonomy: a person types "诈骗", "doxxing" or "日赚三千" and finds the item. Matches the
// law's text, the short name, the hint and the examples in the interface language (and the law's
// Chinese text whatever the language). Every whitespace-separated term must match somewhere.
import { TAXONOMY, categoryExamplesKey, categoryHintKey, categoryLabelKey, type TaxonomyItem } from './taxonomy';

export type Lookup = (key: string) => string;

export interface SearchHit {
  item: TaxonomyItem;
  /** Higher is better: a match in the name beats one in the examples. */
  score: number;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

export function searchTaxonomy(query: string, t: Lookup, items: readonly TaxonomyItem[] = TAXONOMY): SearchHit[] {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const item of items) {
    const fields: Array<[string, number]> = [
      [fold(t(categoryLabelKey(item))), 8],
      [fold(item.legalText), 4],
      [fold(t(categoryHintKey(item))), 2],
      [fold(t(categoryExamplesKey(item))), 1],
    ];
    let score = 0;
    for (const term of terms) {
      const best = Math.max(0, ...fields.filter(([text]) => text.includes(term)).map(([, weight]) => weight));
      if (best === 0) {
        score = 0;
        break;
      }
      score += best;
    }
    // A sub-category is the more precise answer when both it and its parent match equally.
    if (score > 0) hits.push({ item, score: score + (item.parentId ? 0.5 : 0) });
  }
  return hits.sort((a, b) => b.score - a.score);
}
