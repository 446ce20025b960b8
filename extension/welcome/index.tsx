// The welcome page, opened once on install (extension/background/welcome.ts) and again from the dashboard:
// what the extension does, what it keeps and never sends, the one permission it asks for and why, and the
// four ways to report. The person's answer to the permission ("not now" included) is remembered and the
// page does not ask again by itself.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../lib/browser';
import { loadTranslator } from '../lib/i18n';
import { EVERYWHERE_PERMISSION } from '../lib/permissions';
import type { Translate } from '../../src/i18n/i18n';
import { ButtonPicture, MenuPicture, ShortcutPicture, ToolbarPicture } from './pictures';

/** storage.local: the person's answer on this page ('declined' = "not now"), so it is not asked again. */
export const WELCOME_ANSWER_KEY = 'welcomePermission';
type Answer = 'granted' | 'declined' | 'refused';

/** Firefox's prompt uses other words than Chromium's; `getBrowserInfo` exists only in Firefox. */
const isFirefox = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

function PermissionStep({ t }: { t: Translate }) {
  const [granted, setGranted] = useState<boolean>();
  const [answer, setAnswer] = useState<Answer>();
  useEffect(() => {
    const check = () => void browser.permissions.contains(EVERYWHERE_PERMISSION).then(setGranted);
    check();
    void browser.storage.local.get(WELCOME_ANSWER_KEY).then((v) => setAnswer(v[WELCOME_ANSWER_KEY] as Answer | undefined));
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);
  const remember = (value: Answer) => {
    setAnswer(value);
    void browser.storage.local.set({ [WELCOME_ANSWER_KEY]: value });
  };
  const grant = () => {
    // First thing in the click: Firefox refuses permissions.request after any await in the handler.
    void browser.permissions.request(EVERYWHERE_PERMISSION).then(
      (ok) => {
        setGranted(ok);
        remember(ok ? 'granted' : 'refused');
      },
      () => remember('refused'),
    );
  };
  return (
    <section class="permission" aria-labelledby="permission-heading" data-testid="welcome-permission">
      <h2 id="permission-heading">{t('welcome_permissionHeading')}</h2>
      <p>{t('welcome_permissionWhy')}</p>
      <p class="muted">{t('welcome_permissionWithout')}</p>
      {granted ? (
        <p class="permission-state ok" role="status" data-testid="welcome-granted">
          {t('welcome_permissionGranted')}
        </p>
      ) : (
        <>
          <p class="muted small">{t(isFirefox ? 'welcome_permissionPromptFirefox' : 'welcome_permissionPromptChromium')}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={grant} data-testid="welcome-grant">
              {t('welcome_permissionGrant')}
            </button>
            <button type="button" onClick={() => remember('declined')} disabled={answer === 'declined'} data-testid="welcome-not-now">
              {t('welcome_permissionNotNow')}
            </button>
          </div>
          {answer === 'declined' || answer === 'refused' ? (
            <p class="permission-state" role="status" data-testid="welcome-declined">
              {t(answer === 'declined' ? 'welcome_permissionDeclined' : 'welcome_permissionRefused')}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function Welcome({ t }: { t: Translate }) {
  const dashboard = browser.runtime.getURL('extension/dashboard/index.html');
  return (
    <>
      <h1>{t('welcome_title')}</h1>
      <ol class="lead">
        <li data-step="1">{t('welcome_lineCapture')}</li>
        <li data-step="2">{t('welcome_lineSubmit')}</li>
        <li data-step="3">{t('welcome_lineTrack')}</li>
      </ol>

      <h2 id="privacy-heading">{t('welcome_privacyHeading')}</h2>
      <ul class="privacy" aria-labelledby="privacy-heading">
        <li>{t('welcome_privacyLocal')}</li>
        <li>{t('welcome_privacyNeverSent')}</li>
        <li>{t('welcome_privacyDelete')}</li>
      </ul>

      <PermissionStep t={t} />

      <h2 id="ways-heading">{t('welcome_waysHeading')}</h2>
      <ul class="ways" aria-labelledby="ways-heading">
        <li>
          <ButtonPicture t={t} />
          <strong>{t('welcome_wayButton')}</strong>
          <span>{t('welcome_wayButtonHow')}</span>
        </li>
        <li>
          <MenuPicture t={t} />
          <strong>{t('welcome_wayMenu')}</strong>
          <span>{t('welcome_wayMenuHow')}</span>
        </li>
        <li>
          <ToolbarPicture t={t} />
          <strong>{t('welcome_wayToolbar')}</strong>
          <span>{t('welcome_wayToolbarHow')}</span>
        </li>
        <li>
          <ShortcutPicture />
          <strong>{t('welcome_wayShortcut')}</strong>
          <span>
            <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>U</kbd> {t('welcome_wayShortcutReport')}; <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>J</kbd>{' '}
            {t('welcome_wayShortcutForm')}
          </span>
        </li>
      </ul>

      <p class="warning">{t('maliciousWarning')}</p>

      <h2>{t('welcome_nextHeading')}</h2>
      <div class="links">
        <a href={`${dashboard}#settings`} data-testid="welcome-settings">
          {t('welcome_openSettings')}
        </a>
        <a href={dashboard}>{t('openDashboard')}</a>
      </div>
    </>
  );
}

async function main() {
  const { t } = await loadTranslator();
  document.title = `${t('welcome_title')} · ${t('extName')}`;
  render(<Welcome t={t} />, document.getElementById('app')!);
}

void main();
