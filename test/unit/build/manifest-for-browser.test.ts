// The per-browser difference of the manifest (scripts/manifest-for-browser.mjs), on the real manifest.json.
import { describe, expect, it } from 'vitest';
import base from '../../../manifest.json' with { type: 'json' };
import { finishBuiltManifest, GECKO_ID, GECKO_MIN_VERSION, manifestFor } from '../../../scripts/manifest-for-browser.mjs';

describe('manifestFor', () => {
  it('leaves the Chromium manifest as it is', () => {
    expect(manifestFor('chrome', base)).toEqual(base);
  });

  it('gives Firefox background scripts, a fixed gecko id and a minimum version, and nothing else changes', () => {
    const firefox = manifestFor('firefox', base) as Record<string, unknown> & typeof base;
    expect(firefox.background).toEqual({ scripts: [base.background.service_worker], type: 'module' });
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: { id: GECKO_ID, strict_min_version: GECKO_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    });
    // Firefox keeps its default policy's upgrade-insecure-requests beside manifest.json's policy.
    expect(firefox.content_security_policy).toEqual({ extension_pages: `${base.content_security_policy.extension_pages}; upgrade-insecure-requests` });
    const { background: _b, browser_specific_settings: _s, content_security_policy: _p, ...rest } = firefox;
    const { background: _c, content_security_policy: _q, ...baseRest } = base;
    expect(rest).toEqual(baseRest);
    // The input is not changed.
    expect(base.background).toHaveProperty('service_worker');
  });

  it('refuses an unknown browser', () => {
    expect(() => manifestFor('safari' as never, base)).toThrow(/unknown browser/);
  });
});

describe('finishBuiltManifest', () => {
  const built = {
    manifest_version: 3,
    name: 'x',
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icons/icon-16.png' } },
    permissions: ['storage', 'sidePanel'],
    side_panel: { default_path: 'extension/form/index.html' },
    web_accessible_resources: [{ resources: ['assets/*'], matches: ['<all_urls>'], use_dynamic_url: false }],
  };

  it('turns a side panel into a Firefox sidebar and drops what Firefox rejects', () => {
    const firefox = finishBuiltManifest('firefox', built);
    expect(firefox.side_panel).toBeUndefined();
    expect(firefox.sidebar_action).toEqual({
      default_panel: 'extension/form/index.html',
      default_title: '__MSG_extName__',
      default_icon: { 16: 'icons/icon-16.png' },
      open_at_install: false,
    });
    expect(firefox.permissions).toEqual(['storage']);
    expect(firefox.web_accessible_resources).toEqual([{ resources: ['assets/*'], matches: ['<all_urls>'] }]);
  });

  it('keeps the Chromium build as built', () => {
    expect(finishBuiltManifest('chrome', built)).toEqual(built);
  });
});
