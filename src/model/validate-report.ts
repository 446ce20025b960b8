// What a report needs before it can be saved for sending. Errors are message keys, one per field,
// so the form can show each next to its field in the person's language.
import { taxonomyItem } from '../taxonomy/taxonomy';
import type { Report } from './report';

export const DESCRIPTION_MIN = 5;
export const DESCRIPTION_MAX = 2000;

export type ReportField = 'categoryId' | 'description';
export type FieldErrors = Partial<Record<ReportField, string>>;

export function validateReport(report: Pick<Report, 'categoryId' | 'description'>): FieldErrors {
  const errors: FieldErrors = {};
  if (!taxonomyItem(report.categoryId)) errors.categoryId = 'errorCategoryRequired';
  const length = [...report.description.trim()].length;
  if (length === 0) errors.description = 'errorDescriptionRequired';
  else if (length < DESCRIPTION_MIN) errors.description = 'errorDescriptionTooShort';
  else if (length > DESCRIPTION_MAX) errors.description = 'errorDescriptionTooLong';
  return errors;
}
