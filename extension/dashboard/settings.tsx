// Settings that need the browser: the interface language, report buttons on every site, and the
// reporter profile (kept in this browser's IndexedDB, used only for real-name reports).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from '../lib/browser';
import { EVERYWHERE_PERMISSION as EVERYWHERE } from '../lib/permissions';
import type { Translate } from '../../src/i18n/i18n';
import { IdbReportStore } from '../../src/storage/report-store';
import { ProfileEditor, useReporterProfile } from '../../src/ui/form/profile-editor';
import { ApiEndpointSettingsForm } from '../../src/ui/api-endpoint-settings';

function ReporterProfileSettings({ t }: { t: Translate }) {
  const store = useMemo(() => new IdbReportStore(), []);
  const { profile, update, saveError } = useReporterProfile(store);
  return (
    <section aria-labelledby="profile-heading" class="profile-settings">
      <h3 id="profile-heading">{t('profileHeading')}</h3>
      <ProfileEditor profile={profile} onChange={update} t={t} idPrefix="settings-profile" />
      {saveError ? (
        <p class="error" role="alert">
          {t('errorSave', saveError)}
        </p>
      ) : null}
    </section>
  );
}

/** How many comments/floors around a captured comment the content script records (read at click time). */
function ContextCountSetting({ t }: { t: Translate }) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    void browser.storage.local.get('contextCount').then((v) => setText(String(typeof v.contextCount === 'number' ? v.contextCount : 3)));
  }, []);
  const change = (value: string) => {
    setText(value);
    const n = Number(value);
    const ok = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 50;
    setInvalid(!ok);
    // Only a valid number is stored; what was typed stays in the field either way.
    if (ok) void browser.storage.local.set({ contextCount: n });
  };
  return (
    <div class="context-count">
      <label for="context-count">{t('settings_contextCountLabel')}</label>
      <input
        id="context-count"
        type="number"
        inputMode="numeric"
        min={0}
        max={50}
        step={1}
        value={text}
        aria-invalid={invalid ? 'true' : 'false'}
        aria-describedby={invalid ? 'context-count-error context-count-hint' : 'context-count-hint'}
        onInput={(e) => change((e.currentTarget as HTMLInputElement).value)}
      />
      <p id="context-count-hint" class="muted small">
        {t('settings_contextCountHint')}
      </p>
      {invalid ? (
        <p id="context-count-error" class="field-error" role="alert">
          {t('settings_contextCountError')}
        </p>
      ) : null}
    </div>
  );
}

export function Settings({ t }: { t: Translate }) {
  const [language, setLanguage] = useState('auto');
  const [everywhere, setEverywhere] = useState(false);
  useEffect(() => {
    void browser.storage.local.get('language').then((v) => setLanguage((v.language as string) ?? 'auto'));
    void browser.permissions.contains(EVERYWHERE).then(setEverywhere);
  }, []);
  return (
    <section id="settings" aria-labelledby="settings-heading" class="settings">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      <label for="language">{t('languageLabel')}</label>
      <select
        id="language"
        value={language}
        onChange={async (e) => {
          const value = (e.currentTarget as HTMLSelectElement).value;
          await browser.storage.local.set({ language: value });
          location.reload();
        }}
      >
        <option value="auto">{t('languageAuto')}</option>
        <option value="zh_CN">简体中文</option>
        <option value="en">English</option>
      </select>
      <label class="check">
        <input
          type="checkbox"
          checked={everywhere}
          onChange={async (e) => {
            const input = e.currentTarget as HTMLInputElement;
            const want = input.checked;
            const ok = want ? await browser.permissions.request(EVERYWHERE) : await browser.permissions.remove(EVERYWHERE);
            const on = want ? ok : !ok;
            // A declined prompt (Firefox lets a person say no; so does Chromium) leaves the state as it was,
            // so Preact would not re-render and the box would stay ticked without the permission: put it back.
            input.checked = on;
            setEverywhere(on);
          }}
        />
        {t('everywhereLabel')}
      </label>
      <p class="muted">{t('everywhereHint')}</p>
      <ContextCountSetting t={t} />
      <ReporterProfileSettings t={t} />
      <ApiEndpointSettingsForm t={t} api={browser} />
    </section>
  );
}
