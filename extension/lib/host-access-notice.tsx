// "Report Assistant needs access to these sites": shown on the popup and the dashboard while any of the
// manifest's host permissions (the supported platforms) is not granted. Firefox MV3 lets a person
// decline or revoke them, Chromium's "site access" too; the extension keeps working elsewhere (any
// page via the toolbar) and says here what is missing, with the button that asks for it.
import { useEffect, useState } from 'preact/hooks';
import { missingHostPermissions, onPermissionsChanged, requestHostPermissions } from './browser';
import type { Translate } from '../../src/i18n/i18n';

/** `*://*.weibo.com/*` → `weibo.com`: what a person recognises in the list. */
export function siteOfPattern(pattern: string): string {
  const host = /^[^:]+:\/\/([^/]+)/.exec(pattern)?.[1] ?? pattern;
  return host.replace(/^\*\./, '');
}

export function HostAccessNotice({ t }: { t: Translate }) {
  const [missing, setMissing] = useState<string[]>([]);
  const [declined, setDeclined] = useState(false);
  useEffect(() => {
    const refresh = () => void missingHostPermissions().then(setMissing);
    refresh();
    return onPermissionsChanged(refresh);
  }, []);
  if (missing.length === 0) return null;
  const sites = [...new Set(missing.map(siteOfPattern))];
  return (
    <section class="notice strong host-access" role="region" aria-labelledby="host-access-heading" data-testid="host-access">
      <p id="host-access-heading">
        <strong>{t('hostAccessNeeded')}</strong>
      </p>
      <p>{t('hostAccessWhy')}</p>
      <p class="muted" data-testid="host-access-sites">
        {sites.join(document.documentElement.lang.startsWith('zh') ? '、' : ', ')}
      </p>
      <button
        type="button"
        class="primary"
        data-report-assistant="grant-host-access"
        onClick={() => {
          // First thing in the click: Firefox accepts permissions.request only inside the user gesture.
          const asked = requestHostPermissions();
          void asked.then(async (granted) => {
            setDeclined(!granted);
            setMissing(await missingHostPermissions());
          });
        }}
      >
        {t('hostAccessGrant')}
      </button>
      {declined ? (
        <p role="alert" data-testid="host-access-declined">
          {t('hostAccessDeclined')}
        </p>
      ) : null}
    </section>
  );
}
