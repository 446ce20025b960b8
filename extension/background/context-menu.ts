/// <reference types="@crxjs/vite-plugin/client" />
// The right-click menu: report the page, a link (without opening it), the selected text, a block chosen
// with the element picker, or — for child sexual abuse material — only the URL. The click grants
// activeTab, so this works on any http(s) page, with a screenshot, without host permissions.
import { browser, type Tabs } from '../lib/browser';
import { IdbReportStore } from '../../src/storage/report-store';
import { afterCapture, captureAndRecord } from './capture';
import { buildMenuRecord, pageViewport, readPageFacts, selectionBox, type MenuClick, type MenuKind, type PageFacts } from './capture-page-record';
import pickerScript from '../picker/pick-element.ts?script';
import { workerTranslator } from './capture-i18n';

export const MENU_IDS = {
  page: 'ra-report-page',
  link: 'ra-report-link',
  selection: 'ra-report-selection',
  picker: 'ra-pick-element',
  urlOnly: 'ra-report-url-only',
} as const;

const WEB_PAGES = ['http://*/*', 'https://*/*'];
const PICKER_LABELS = ['picker_hint', 'picker_done', 'picker_gathered', 'picker_failed'];

export async function createMenus(): Promise<void> {
  const title = await workerTranslator();
  await browser.contextMenus.removeAll();
  const items: Array<{ id: string; key: string; contexts: Array<'page' | 'link' | 'selection' | 'image' | 'video'> }> = [
    { id: MENU_IDS.page, key: 'menu_reportPage', contexts: ['page'] },
    { id: MENU_IDS.link, key: 'menu_reportLink', contexts: ['link'] },
    { id: MENU_IDS.selection, key: 'menu_reportSelection', contexts: ['selection'] },
    { id: MENU_IDS.picker, key: 'menu_pickElement', contexts: ['page', 'image', 'video'] },
    { id: MENU_IDS.urlOnly, key: 'menu_reportUrlOnly', contexts: ['page', 'link', 'image', 'video'] },
  ];
  for (const item of items) {
    browser.contextMenus.create({ id: item.id, title: title(item.key), contexts: item.contexts, documentUrlPatterns: WEB_PAGES });
  }
}

export async function onMenuClick(
  info: MenuClick & { menuItemId: string | number; frameId?: number | undefined; srcUrl?: string | undefined },
  tab: Tabs.Tab | undefined,
  options: { openForm?: boolean } = {},
): Promise<string | undefined> {
  if (!tab?.id) return undefined;
  const store = new IdbReportStore();
  const id = String(info.menuItemId);
  if (id === MENU_IDS.picker) {
    // The picker's words first (in the person's chosen language), in the same isolated world, then the picker.
    const t = await workerTranslator();
    const labels = Object.fromEntries(PICKER_LABELS.map((key) => [key, t(key)]));
    await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: (given: Record<string, string>) => {
        (globalThis as unknown as { __reportAssistantPickerLabels?: Record<string, string> }).__reportAssistantPickerLabels = given;
      },
      args: [labels],
    });
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [pickerScript] });
    return undefined;
  }
  const urlOnly = id === MENU_IDS.urlOnly;
  // Url-only on an image or a video: its own address is the link to report.
  const click: MenuClick = urlOnly && !info.linkUrl && info.srcUrl ? { ...info, linkUrl: info.srcUrl } : info;
  const kind: MenuKind | undefined =
    id === MENU_IDS.page ? 'page' : id === MENU_IDS.link ? 'link' : id === MENU_IDS.selection ? 'selection' : urlOnly ? (click.linkUrl ? 'link' : 'page') : undefined;
  if (!kind) return undefined;
  // For child sexual abuse material the page is not even read: the browser's URLs and the tab title are all that is kept.
  const facts = urlOnly ? undefined : await pageFacts(tab.id, info.frameId ?? 0, info.linkUrl ?? null);
  const post = buildMenuRecord(kind, click, tab, facts, new Date());
  const viewport = pageViewport(facts) ?? { width: tab.width ?? 1, height: tab.height ?? 1 };
  // A selection in the top frame is cropped like a post; otherwise only the visible tab is kept.
  const box = kind === 'selection' && (info.frameId ?? 0) === 0 ? selectionBox(facts) : undefined;
  const { recorded, finish } = await captureAndRecord(store, {
    post,
    tabId: tab.id,
    windowId: tab.windowId,
    rect: box ?? { x: 0, y: 0, width: 0, height: 0 },
    viewport,
    urlOnly,
  });
  await finish();
  // Gathered captures open no form: the page says where the capture went.
  if (recorded.appended) await showPageNotice(tab.id, (await workerTranslator())('collect_added', recorded.report.items.length));
  if (options.openForm ?? true) await afterCapture(recorded);
  return recorded.report.id;
}

/** A short notice in the page (the menu has no other place to answer), as text, gone after a few seconds. */
async function showPageNotice(tabId: number, text: string): Promise<void> {
  await browser.scripting
    .executeScript({
      target: { tabId },
      func: (message: string) => {
        const note = document.createElement('div');
        note.setAttribute('data-report-assistant', 'notice');
        note.setAttribute('role', 'status');
        note.style.cssText =
          'all:initial;position:fixed;left:50%;top:12px;transform:translateX(-50%);z-index:2147483647;padding:8px 14px;' +
          'border-radius:6px;background:#212121;color:#fff;font:14px/1.5 system-ui,sans-serif;max-width:90vw;';
        note.textContent = message;
        document.documentElement.append(note);
        setTimeout(() => note.remove(), 4000);
      },
      args: [text],
    })
    .catch(() => undefined);
}

async function pageFacts(tabId: number, frameId: number, linkUrl: string | null): Promise<PageFacts | undefined> {
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: readPageFacts, args: [linkUrl] });
    return (result?.result ?? undefined) as PageFacts | undefined;
  } catch (err) {
    // A page scripts may not run on: the browser's click info is enough for a record.
    console.warn('[report-assistant] could not read the page', err);
    return undefined;
  }
}

/**
 * The keyboard shortcut 举报此页面 (command `report-page`): like the menu's entry. A command grants
 * `activeTab` for the tab it was pressed on, so the page is read and pictured without any host permission.
 */
export async function reportPageFromShortcut(tab: Tabs.Tab | undefined, options: { openForm?: boolean } = {}): Promise<string | undefined> {
  if (!tab?.id || !/^https?:/i.test(tab.url ?? '')) return undefined;
  return onMenuClick({ menuItemId: MENU_IDS.page, pageUrl: tab.url, frameId: 0 } as Parameters<typeof onMenuClick>[0], tab, options);
}

/**
 * 举报此页面 from the toolbar popup: opening the popup granted `activeTab` for the tab it was opened over.
 * The popup shows the new report itself.
 */
export async function reportActivePage(): Promise<{ ok: true; reportId: string } | { ok: false; error: string }> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab || !/^https?:/i.test(tab.url ?? '')) return { ok: false, error: 'popup_reportPageUnavailable' };
  const reportId = await reportPageFromShortcut(tab, { openForm: false });
  return reportId ? { ok: true, reportId } : { ok: false, error: 'popup_reportPageUnavailable' };
}

export function registerContextMenuListeners(): void {
  browser.commands?.onCommand.addListener((command: string, tab?: Tabs.Tab) => {
    if (command !== 'report-page') return;
    void reportPageFromShortcut(tab).catch((e: unknown) => console.error('[report-assistant] shortcut capture failed', e));
  });
  const create = () => void createMenus().catch((e: unknown) => console.warn('[report-assistant] menus', e));
  browser.runtime.onInstalled.addListener(create);
  // The person chose another interface language in the settings: the menu follows.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'language' in changes) create();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onMenuClick(info as Parameters<typeof onMenuClick>[0], tab).catch((e: unknown) => {
      console.error('[report-assistant] menu capture failed', e);
      const key = e instanceof Error && /^menu_\w+$/.test(e.message) ? e.message : 'menu_errorCapture';
      const tabId = tab?.id;
      if (tabId !== undefined) void workerTranslator().then((t) => showPageNotice(tabId, t(key)));
    });
  });
}
