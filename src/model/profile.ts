// The reporter's own details, filled once and kept on this machine (IndexedDB `meta` store, key
// `reporterProfile`). They are only ever used when the person chooses to report under their real name,
// and only for the destinations of that report.

export const PROFILE_META_KEY = 'reporterProfile';

export const ID_TYPES = ['resident-id', 'passport', 'hk-macao-permit', 'taiwan-permit', 'foreign-permanent-residence', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];

export interface ReporterProfile {
  name: string;
  phone: string;
  email: string;
  /** The kind of identity document the person would show (some destinations ask); never its number. */
  idType: IdType | '';
}

export const EMPTY_PROFILE: ReporterProfile = { name: '', phone: '', email: '', idType: '' };

export type ProfileField = keyof ReporterProfile;
export type ProfileErrors = Partial<Record<ProfileField, string>>;

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Field errors as locale keys. `required` are the fields a real-name report needs; others are checked if filled. */
export function validateProfile(profile: ReporterProfile, required: readonly ProfileField[] = ['name', 'phone']): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = profile.name.trim();
  if (!name) {
    if (required.includes('name')) errors.name = 'errorProfileNameRequired';
  } else if ([...name].length > 50) errors.name = 'errorProfileNameTooLong';
  const phone = profile.phone.trim();
  if (!phone) {
    if (required.includes('phone')) errors.phone = 'errorProfilePhoneRequired';
  } else if (!PHONE.test(phone)) errors.phone = 'errorProfilePhoneInvalid';
  const email = profile.email.trim();
  if (!email) {
    if (required.includes('email')) errors.email = 'errorProfileEmailRequired';
  } else if (!EMAIL.test(email) || email.length > 254) errors.email = 'errorProfileEmailInvalid';
  if (!profile.idType && required.includes('idType')) errors.idType = 'errorProfileIdTypeRequired';
  return errors;
}

/**
 * Reads a stored profile defensively: a field of the wrong type or too long is dropped. (Hand-checked
 * rather than with valibot: the popup loads this, and has a size budget.)
 */
export function parseProfile(raw: unknown): ReporterProfile {
  const out = { ...EMPTY_PROFILE };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const text = (value: unknown, max: number) => (typeof value === 'string' && value.length <= max ? value : undefined);
  const idType = r.idType;
  if (idType !== undefined && idType !== '' && !(ID_TYPES as readonly unknown[]).includes(idType)) return out;
  out.name = text(r.name, 200) ?? '';
  out.phone = text(r.phone, 64) ?? '';
  out.email = text(r.email, 254) ?? '';
  out.idType = (idType as IdType | '' | undefined) ?? '';
  return out;
}
