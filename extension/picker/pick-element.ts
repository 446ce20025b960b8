// The element picker, injected on demand (context menu "选择页面区域举报") with scripting.executeScript.
// The person outlines the offending block: the mouse highlights what is under it, a click chooses; or
// with the keyboard, ↑ widens to the parent, ↓ narrows back, ← → move between siblings, Enter chooses;
// Esc cancels. The chosen block is captured like a post (generic extraction, screenshot, signed evidence).
import { browser } from '../lib/browser';
import { extractGenericPost, OWN_NODE_ATTR } from '../../src/capture/generic-post';
import { panelClip } from '../../src/capture/panel-clip';
import { CAPTURING_ATTR } from '../../src/capture/stitch-page';
import type { Message, Responses } from '../../src/messaging/protocol';
import { startPicker } from './picker';

const FLAG = '__reportAssistantPicker';
const scope = globalThis as unknown as Record<string, { cancel(): void } | undefined>;

/**
 * Called by the loader on every injection (the module itself is evaluated only once per page).
 * A second menu click while a picker is open does nothing.
 */
export function onExecute(): void {
  if (scope[FLAG]) return;
  // Set by the worker just before (in the language chosen in the settings); the browser's language otherwise.
  const given = (globalThis as unknown as { __reportAssistantPickerLabels?: Record<string, unknown> }).__reportAssistantPickerLabels;
  const label = (key: string, fallback: string) => {
    const text = given?.[key];
    return (typeof text === 'string' && text) || browser.i18n.getMessage(key) || fallback;
  };
  scope[FLAG] = startPicker(document, {
    hint: label('picker_hint', '移动鼠标选择要举报的区域，点击确认。键盘：↑ 扩大，↓ 缩小，← → 切换，回车确认，Esc 取消。'),
    done: label('picker_done', '已采集，请在弹出的表单中填写举报。'),
    gathered: label('picker_gathered', '已加入正在收集的举报。'),
    failed: label('picker_failed', '采集失败，请重试。'),
    ownAttr: OWN_NODE_ATTR,
    onEnd: () => {
      scope[FLAG] = undefined;
    },
    capture: async (element) => {
      const record = extractGenericPost(element, { pageUrl: location.href, pageTitle: document.title, now: new Date() });
      const r = element.getBoundingClientRect();
      // A block inside an inner panel that cuts it off is stitched, as a post's report button does.
      const clip = panelClip(element);
      const message: Message = {
        type: 'capture-post',
        payload: {
          post: record,
          rect: { x: r.x, y: r.y, width: r.width, height: r.height },
          devicePixelRatio: window.devicePixelRatio || 1,
          viewport: { width: window.innerWidth, height: window.innerHeight },
          scroll: { x: window.scrollX, y: window.scrollY },
          ...(clip ? { clip } : {}),
        },
      };
      // Marked while the worker works: a block taller than what shows of it is stitched by scrolling what it
      // scrolls in, which the page finds from this mark.
      element.setAttribute(CAPTURING_ATTR, '');
      let response: Responses['capture-post'] | undefined;
      try {
        response = (await browser.runtime.sendMessage(message)) as Responses['capture-post'] | undefined;
      } finally {
        element.removeAttribute(CAPTURING_ATTR);
      }
      if (!response?.ok) throw new Error(response?.error ?? 'no response');
      return { reportId: response.reportId, gathered: response.gathered === true };
    },
  });
}
