// The picker's behaviour, apart from the extension APIs (so the logic can be driven in a plain DOM).

export interface PickerOptions {
  hint: string;
  done: string;
  gathered: string;
  failed: string;
  /** Attribute that marks the extension's own nodes, so extraction never reads them as content. */
  ownAttr: string;
  capture: (element: Element) => Promise<{ reportId: string; gathered: boolean }>;
  onEnd: () => void;
}

/** Elements too small or too inline to be "a block" are widened to the nearest block ancestor. */
const MIN_SIZE = 24;

export function startPicker(doc: Document, options: PickerOptions): { cancel(): void } {
  const win = doc.defaultView ?? window;
  const controller = new AbortController();
  const { signal } = controller;
  let current: Element | undefined;
  /** Where ↓ goes back to after ↑ widened the choice. */
  const narrower: Element[] = [];
  let busy = false;

  const host = doc.createElement('div');
  host.setAttribute(options.ownAttr, 'picker');
  host.style.cssText = 'all:initial;position:fixed;inset:0;pointer-events:none;z-index:2147483647;';
  const shadow = host.attachShadow({ mode: 'closed' });
  shadow.innerHTML = `<style>
    .box{position:fixed;border:2px solid #d32f2f;background:rgba(211,47,47,.12);box-sizing:border-box;pointer-events:none;transition:all 60ms linear}
    .hint{position:fixed;left:50%;top:12px;transform:translateX(-50%);max-width:90vw;padding:8px 14px;border-radius:6px;
      background:#212121;color:#fff;font:14px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.4)}
  </style><div class="box" hidden></div><div class="hint" role="status" aria-live="polite"></div>`;
  const box = shadow.querySelector<HTMLElement>('.box')!;
  const hint = shadow.querySelector<HTMLElement>('.hint')!;
  hint.textContent = options.hint;
  doc.documentElement.append(host);

  const isOwn = (el: Element | null) => !el || el === host || host.contains(el) || !!el.closest(`[${options.ownAttr}]`);

  const blockOf = (el: Element | null): Element | undefined => {
    let node = el;
    while (node && node !== doc.body && node !== doc.documentElement) {
      const r = node.getBoundingClientRect();
      const display = win.getComputedStyle(node).display;
      if (r.width >= MIN_SIZE && r.height >= MIN_SIZE && display !== 'inline' && display !== 'contents') return node;
      node = node.parentElement;
    }
    return undefined;
  };

  const show = (el: Element | undefined) => {
    current = el;
    if (!el) {
      box.hidden = true;
      return;
    }
    const r = el.getBoundingClientRect();
    box.hidden = false;
    Object.assign(box.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
    // The hint moves to the bottom when it would cover the top of the outlined block.
    const atBottom = r.y < 80 && r.bottom < win.innerHeight - 80;
    Object.assign(hint.style, atBottom ? { top: 'auto', bottom: '12px' } : { top: '12px', bottom: 'auto' });
  };

  const end = () => {
    controller.abort();
    host.remove();
    options.onEnd();
  };

  const notice = (text: string, ms: number) => {
    // The highlight is gone by now; only the notice shows, after the screenshot was taken.
    const note = doc.createElement('div');
    note.setAttribute(options.ownAttr, 'picker-notice');
    note.setAttribute('role', 'status');
    note.style.cssText =
      'all:initial;position:fixed;left:50%;top:12px;transform:translateX(-50%);z-index:2147483647;padding:8px 14px;' +
      'border-radius:6px;background:#212121;color:#fff;font:14px/1.5 system-ui,sans-serif;';
    note.textContent = text;
    doc.documentElement.append(note);
    win.setTimeout(() => note.remove(), ms);
  };

  const choose = async () => {
    const el = current;
    if (!el || busy) return;
    busy = true;
    end();
    try {
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      await nextFrames(win);
      const result = await options.capture(el);
      notice(result.gathered ? options.gathered : options.done, 3000);
    } catch (err) {
      console.warn('[report-assistant] picker capture failed', err);
      notice(options.failed, 4000);
    }
  };

  const swallow = (event: Event) => {
    if (!event.isTrusted) return;
    event.preventDefault();
    event.stopPropagation();
    event.stopImmediatePropagation();
  };

  win.addEventListener(
    'mousemove',
    (event) => {
      const target = doc.elementFromPoint(event.clientX, event.clientY);
      if (isOwn(target)) return;
      narrower.length = 0;
      show(blockOf(target));
    },
    { capture: true, signal },
  );
  for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'auxclick', 'contextmenu']) {
    win.addEventListener(type, swallow, { capture: true, signal });
  }
  win.addEventListener(
    'click',
    (event) => {
      swallow(event);
      const target = doc.elementFromPoint(event.clientX, event.clientY);
      if (!isOwn(target)) show(blockOf(target) ?? current);
      void choose();
    },
    { capture: true, signal },
  );
  win.addEventListener(
    'keydown',
    (event) => {
      const keys = ['Escape', 'Enter', ' ', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];
      if (!keys.includes(event.key)) return;
      swallow(event);
      if (event.key === 'Escape') return end();
      if (event.key === 'Enter' || event.key === ' ') return void choose();
      const el = current ?? blockOf(doc.elementFromPoint(win.innerWidth / 2, win.innerHeight / 3));
      if (!el) return;
      let next: Element | null | undefined;
      if (event.key === 'ArrowUp') {
        next = el.parentElement && el.parentElement !== doc.body && el.parentElement !== doc.documentElement ? el.parentElement : undefined;
        if (next) narrower.push(el);
      } else if (event.key === 'ArrowDown') {
        next = narrower.pop() ?? Array.from(el.children).find((c) => !isOwn(c) && blockOf(c) === c);
      } else {
        const step = event.key === 'ArrowLeft' ? 'previousElementSibling' : 'nextElementSibling';
        next = el[step];
        while (next && (isOwn(next) || blockOf(next) !== next)) next = next[step];
        if (next) narrower.length = 0;
      }
      const chosen = next ?? el;
      chosen.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      show(chosen);
    },
    { capture: true, signal },
  );
  win.addEventListener('scroll', () => show(current), { capture: true, passive: true, signal });

  // Keyboard users start with a block in the middle of the screen already outlined.
  show(blockOf(doc.elementFromPoint(win.innerWidth / 2, win.innerHeight / 3)));
  return { cancel: end };
}

function nextFrames(win: Window): Promise<void> {
  return new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve())));
}
