import type { Translate } from '../../i18n/i18n';
import type { FieldError } from '../../model/validate-report';

/** Resolves an error's arguments: `@key` is a locale key (a destination's name). */
export function errorText(error: FieldError, t: Translate): string {
  const args = (error.args ?? []).map((a) => (typeof a === 'string' && a.startsWith('@') ? t(a.slice(1)) : a));
  return t(error.key, ...args);
}

export function FieldErrorText({ id, error, t }: { id: string; error: FieldError | undefined; t: Translate }) {
  if (!error) return null;
  return (
    <p id={id} class="field-error" data-testid={id}>
      {errorText(error, t)}
    </p>
  );
}
