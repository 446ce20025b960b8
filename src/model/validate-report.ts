// What a report needs before it can be saved for sending. Errors are message keys (with arguments), one
// per field, so the form can show each next to its field in the person's language. Validation never
// changes the report: what the person wrote stays as written.
import { taxonomyItem } from '../taxonomy/taxonomy';
import { destination, type Destination } from '../destinations/catalog';
import { reasonFor } from '../destinations/reasons/taxonomy-to-reason';
import type { Report } from './report';
import { validateProfile, type ReporterProfile } from './profile';

export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 2000;

export type ReportField = 'categoryId' | 'destinations' | 'description' | 'identity' | 'goodFaith';
export interface FieldError {
  key: string;
  /** Substitutions; strings starting with `@` are locale keys to translate first (destination names). */
  args?: Array<string | number>;
}
export type FieldErrors = Partial<Record<ReportField, FieldError>>;

/** Characters as a person counts them (code points, so an emoji is one). */
export const charCount = (text: string): number => [...text.trim()].length;

/** The tightest description limits over the chosen destinations, and the destination that sets each. */
export function descriptionLimits(destinationIds: readonly string[]): {
  max: number;
  maxBy?: Destination;
  min: number;
  minBy?: Destination;
} {
  let max = DESCRIPTION_MAX;
  let min = DESCRIPTION_MIN;
  let maxBy: Destination | undefined;
  let minBy: Destination | undefined;
  for (const id of destinationIds) {
    const d = destination(id);
    if (!d) continue;
    if (d.description.max !== null && d.description.max < max) [max, maxBy] = [d.description.max, d];
    if (d.description.min !== undefined && d.description.min > min) [min, minBy] = [d.description.min, d];
  }
  return { max, min, ...(maxBy ? { maxBy } : {}), ...(minBy ? { minBy } : {}) };
}

/** The chosen destinations that will not take this report anonymously. */
export function realNameRequiredBy(categoryId: string | null, destinationIds: readonly string[]): Destination[] {
  return destinationIds
    .map((id) => destination(id))
    .filter((d): d is Destination => !!d)
    .filter((d) => d.identity === 'real-name' || (categoryId !== null && reasonFor(categoryId, d.id)?.requiresRealName === true));
}

export type ValidatedReport = Pick<Report, 'categoryId' | 'description'> &
  Partial<Pick<Report, 'destinations' | 'anonymous' | 'goodFaith'>>;

export interface ValidateOptions {
  /** The locally stored reporter profile; needed when the report is not anonymous. */
  profile?: ReporterProfile;
  /**
   * 'draft' checks only what the person has written so far (category, description); 'save' checks
   * everything a report needs before it may be sent.
   */
  stage?: 'draft' | 'save';
}

export function validateReport(report: ValidatedReport, options: ValidateOptions = {}): FieldErrors {
  const errors: FieldErrors = {};
  const destinations = report.destinations ?? [];
  if (!taxonomyItem(report.categoryId)) errors.categoryId = { key: 'errorCategoryRequired' };

  const { max, maxBy, min, minBy } = descriptionLimits(destinations);
  const length = charCount(report.description);
  if (length === 0) errors.description = { key: 'errorDescriptionRequired' };
  else if (length < min) {
    errors.description = minBy
      ? { key: 'errorDescriptionTooShortFor', args: [`@${minBy.nameKey}`, min] }
      : { key: 'errorDescriptionTooShort', args: [min] };
  } else if (length > max) {
    errors.description = maxBy
      ? { key: 'errorDescriptionTooLongFor', args: [`@${maxBy.nameKey}`, max] }
      : { key: 'errorDescriptionTooLong', args: [max] };
  }

  if (options.stage === 'draft') return errors;

  if (destinations.length === 0) errors.destinations = { key: 'errorDestinationsRequired' };
  else if (destinations.some((id) => !destination(id))) errors.destinations = { key: 'errorDestinationUnknown' };

  const anonymous = report.anonymous ?? true;
  if (anonymous) {
    const needs = realNameRequiredBy(report.categoryId, destinations);
    if (needs.length) errors.identity = { key: 'errorRealNameRequired', args: [`@${needs[0]!.nameKey}`] };
  } else if (Object.keys(validateProfile(options.profile ?? { name: '', phone: '', email: '', idType: '' })).length) {
    errors.identity = { key: 'errorProfileIncomplete' };
  }

  if (!report.goodFaith?.at) errors.goodFaith = { key: 'errorGoodFaithRequired' };
  return errors;
}
