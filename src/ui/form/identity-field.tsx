// Anonymous or real name. Anonymous is the default; real name fills in the locally stored profile, and
// is required by some destinations (12377 侵权类, the 涉企侵权 zone), which is said next to the choice.
import type { Translate } from '../../i18n/i18n';
import type { Destination } from '../../destinations/catalog';
import type { FieldError } from '../../model/validate-report';
import type { ReporterProfile } from '../../model/profile';
import { FieldErrorText } from './field-error';
import { ProfileEditor } from './profile-editor';

export function IdentityField({
  anonymous,
  requiredBy,
  profile,
  onAnonymous,
  onProfile,
  error,
  t,
}: {
  anonymous: boolean;
  requiredBy: readonly Destination[];
  profile: ReporterProfile | undefined;
  onAnonymous: (anonymous: boolean) => void;
  onProfile: (profile: ReporterProfile) => void;
  error: FieldError | undefined;
  t: Translate;
}) {
  const needs = requiredBy.map((d) => t(d.nameKey)).join('、');
  return (
    <fieldset class="field identity" aria-describedby={[needs ? 'identity-needs' : '', error ? 'identity-error' : ''].filter(Boolean).join(' ') || undefined}>
      <legend>{t('identityLabel')}</legend>
      <label class="check">
        <input type="radio" name="identity" id="identity-anonymous" checked={anonymous} onChange={() => onAnonymous(true)} />
        {t('identityAnonymous')}
      </label>
      <label class="check">
        <input type="radio" name="identity" id="identity-real-name" checked={!anonymous} onChange={() => onAnonymous(false)} />
        {t('identityRealName')}
      </label>
      {needs ? (
        <p id="identity-needs" class="note" data-testid="real-name-required">
          {t('identityRequiredBy', needs)}
        </p>
      ) : null}
      <FieldErrorText id="identity-error" error={error} t={t} />
      {anonymous ? <p class="muted small">{t('identityAnonymousHint')}</p> : <ProfileEditor profile={profile} onChange={onProfile} t={t} showAllErrors={!!error} />}
    </fieldset>
  );
}
