// Settings of the HTTPS-API destination: the endpoint URL (https only; http only to this machine) and an
// optional token. Saving asks the browser for access to that one origin — the person's click is the
// user gesture the permission prompt needs — and stores nothing if access is refused.
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n';
import { API_ENDPOINT_STORAGE_KEY, checkEndpointUrl, type ApiEndpointSettings } from '../destinations/adapters/https-api';

/** The parts of the extension API this needs (the extension page passes `browser`). */
export interface EndpointSettingsApi {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> } };
  permissions: { request(p: { origins: string[] }): Promise<boolean> };
}

/** A match pattern for the endpoint's origin. Match patterns carry no port, so `http://127.0.0.1/*` covers any port. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export function ApiEndpointSettingsForm({ t, api }: { t: Translate; api: EndpointSettingsApi }) {
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  useEffect(() => {
    void api.storage.local.get(API_ENDPOINT_STORAGE_KEY).then((v) => {
      const stored = v[API_ENDPOINT_STORAGE_KEY] as ApiEndpointSettings | undefined;
      if (stored?.url) setUrl(stored.url);
      if (stored?.token) setToken(stored.token);
    });
  }, []);

  const save = (e: Event) => {
    e.preventDefault();
    setStatus('');
    const checked = checkEndpointUrl(url);
    if (!checked.ok) {
      setError(t(checked.errorKey));
      return;
    }
    setError('');
    // First thing in the click: the permission prompt needs the user gesture.
    void api.permissions.request({ origins: [originPattern(checked.url)] }).then(async (granted) => {
      if (!granted) {
        setError(t('apiEndpointErrorPermission'));
        return;
      }
      const value: ApiEndpointSettings = { url: checked.url, ...(token.trim() ? { token: token.trim() } : {}) };
      await api.storage.local.set({ [API_ENDPOINT_STORAGE_KEY]: value });
      setUrl(checked.url);
      setStatus(t('apiEndpointSaved'));
    });
  };

  return (
    <form class="field" aria-labelledby="api-endpoint-heading" onSubmit={save} data-testid="api-endpoint-settings">
      <h3 id="api-endpoint-heading" class="section-title">
        {t('apiEndpointHeading')}
      </h3>
      <p class="muted small" id="api-endpoint-hint">
        {t('apiEndpointHint')}
      </p>
      <label for="api-endpoint-url">{t('apiEndpointUrlLabel')}</label>
      <input
        id="api-endpoint-url"
        type="url"
        inputMode="url"
        value={url}
        aria-describedby={error ? 'api-endpoint-error' : 'api-endpoint-hint'}
        aria-invalid={error ? 'true' : undefined}
        onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
      />
      {error ? (
        <p id="api-endpoint-error" class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <label for="api-endpoint-token">{t('apiEndpointTokenLabel')}</label>
      <input id="api-endpoint-token" type="password" autoComplete="off" value={token} onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)} />
      <div class="actions">
        <button type="submit" data-testid="api-endpoint-save">
          {t('apiEndpointSave')}
        </button>
        <button
          type="button"
          onClick={async () => {
            await api.storage.local.remove(API_ENDPOINT_STORAGE_KEY);
            setUrl('');
            setToken('');
            setError('');
            setStatus(t('apiEndpointRemoved'));
          }}
        >
          {t('apiEndpointRemove')}
        </button>
      </div>
      {status ? (
        <p class="ok" role="status" data-testid="api-endpoint-status">
          {status}
        </p>
      ) : null}
    </form>
  );
}
