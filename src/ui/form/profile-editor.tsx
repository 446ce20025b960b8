// The reporter profile: filled once, kept in this browser only (IndexedDB meta store), used only for
// reports the person sends under their real name. Every change is saved as it is typed.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Translate } from '../../i18n/i18n';
import type { ReportStore } from '../../storage/report-store';
import { EMPTY_PROFILE, ID_TYPES, PROFILE_META_KEY, parseProfile, validateProfile, type ProfileField, type ReporterProfile } from '../../model/profile';
import { serialWriter } from '../serial-writer';

export function useReporterProfile(store: ReportStore) {
  const [profile, setProfile] = useState<ReporterProfile>();
  const [saveError, setSaveError] = useState<string>();
  useEffect(() => {
    store.getMeta(PROFILE_META_KEY).then((raw) => setProfile(parseProfile(raw)), (err: unknown) => setSaveError(String(err)));
  }, [store]);
  const writer = useMemo(() => serialWriter<ReporterProfile>((p) => store.setMeta(PROFILE_META_KEY, p), (err) => setSaveError(String(err))), [store]);
  const update = (next: ReporterProfile) => {
    setProfile(next);
    void writer.push(next);
  };
  return { profile, update, saveError, flush: () => writer.flush() };
}

export function ProfileEditor({
  profile,
  onChange,
  t,
  idPrefix = 'profile',
  showAllErrors = false,
}: {
  profile: ReporterProfile | undefined;
  onChange: (profile: ReporterProfile) => void;
  t: Translate;
  idPrefix?: string;
  /** Show every missing required field (after the person tried to save), not only fields they left. */
  showAllErrors?: boolean;
}) {
  const [touched, setTouched] = useState<Set<ProfileField>>(new Set());
  const value = profile ?? EMPTY_PROFILE;
  const errors = validateProfile(value);
  const field = (name: ProfileField, type: 'text' | 'tel' | 'email', autocomplete: string) => {
    const id = `${idPrefix}-${name}`;
    const error = touched.has(name) || showAllErrors ? errors[name] : undefined;
    return (
      <div class="profile-field">
        <label for={id}>{t(`profile_${name}`)}</label>
        <input
          id={id}
          type={type}
          autocomplete={autocomplete}
          value={value[name]}
          disabled={!profile}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => onChange({ ...value, [name]: (e.currentTarget as HTMLInputElement).value })}
          onBlur={() => setTouched(new Set([...touched, name]))}
        />
        {error ? (
          <p id={`${id}-error`} class="field-error">
            {t(error)}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <div class="profile" data-testid="profile-editor">
      {field('name', 'text', 'name')}
      {field('phone', 'tel', 'tel')}
      {field('email', 'email', 'email')}
      <div class="profile-field">
        <label for={`${idPrefix}-idType`}>{t('profile_idType')}</label>
        <select
          id={`${idPrefix}-idType`}
          value={value.idType}
          disabled={!profile}
          onChange={(e) => onChange({ ...value, idType: (e.currentTarget as HTMLSelectElement).value as ReporterProfile['idType'] })}
        >
          <option value="">{t('profile_idTypeNone')}</option>
          {ID_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`idType_${type.replace(/-/g, '_')}`)}
            </option>
          ))}
        </select>
      </div>
      <p class="muted small">{t('profileStoredLocally')}</p>
    </div>
  );
}
