// The reporter's own details, filled once and kept on this machine (IndexedDB `meta` store, key
// `reporterProfile`). They are only ever used when the person chooses to report under their real name,
// and only for the destinations of that report.
import * as v from 'valibot';

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

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const ProfileSchema = v.object({
  name: Text(200),
  phone: Text(64),
  email: Text(254),
  idType: v.picklist([...ID_TYPES, '']),
});

/** Reads a stored profile defensively: anything unexpected becomes the empty profile's value. */
export function parseProfile(raw: unknown): ReporterProfile {
  const result = v.safeParse(v.partial(ProfileSchema), raw);
  return result.success ? { ...EMPTY_PROFILE, ...result.output } : { ...EMPTY_PROFILE };
}
