// Report buttons on posts, kept in step with the page by one batched MutationObserver.
import { extractGenericPost, findGenericPosts, OWN_NODE_ATTR } from '../../src/capture/generic-post';
import type { Message, Responses } from '../../src/messaging/protocol';

export interface ButtonOptions {
  signal: AbortSignal;
  label: string;
  busyLabel: string;
  doneLabel: string;
  failedLabel: string;
  send: (message: Message) => Promise<unknown>;
}

const MARKED = new WeakSet<Element>();

export function attachReportButtons(doc: Document, options: ButtonOptions): void {
  const scan = () => {
    for (const post of findGenericPosts(doc)) {
      if (MARKED.has(post)) continue;
      MARKED.add(post);
      post.append(makeButton(doc, post, options));
    }
  };
  scan();
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    const run = () => {
      pending = false;
      if (!options.signal.aborted) scan();
    };
    if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 500 });
    else setTimeout(run, 50);
  };
  const observer = new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length > 0)) schedule();
  });
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  options.signal.addEventListener('abort', () => {
    observer.disconnect();
    for (const el of Array.from(doc.querySelectorAll(`[${OWN_NODE_ATTR}="report"]`))) el.remove();
  });
}

function makeButton(doc: Document, post: Element, options: ButtonOptions): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute(OWN_NODE_ATTR, 'report');
  button.setAttribute('aria-label', options.label);
  button.textContent = options.label;
  button.style.cssText =
    'all:initial;display:inline-block;margin:4px 0;padding:2px 10px;border:1px solid #d33;border-radius:4px;' +
    'background:#fff;color:#c00;font:13px/1.6 system-ui,sans-serif;cursor:pointer;';
  button.addEventListener(
    'click',
    (event) => {
      event.preventDefault();
      event.stopPropagation();
      void capture(post, button, options);
    },
    { signal: options.signal },
  );
  return button;
}

async function capture(post: Element, button: HTMLButtonElement, options: ButtonOptions): Promise<void> {
  if (button.dataset.state === 'busy') return;
  button.dataset.state = 'busy';
  button.textContent = options.busyLabel;
  try {
    post.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    await nextFrame();
    const r = post.getBoundingClientRect();
    const record = extractGenericPost(post, {
      pageUrl: location.href,
      pageTitle: document.title,
      now: new Date(),
    });
    const response = (await options.send({
      type: 'capture-post',
      payload: {
        post: record,
        rect: { x: r.x, y: r.y, width: r.width, height: r.height },
        devicePixelRatio: window.devicePixelRatio || 1,
        viewport: { width: window.innerWidth, height: window.innerHeight },
      },
    })) as Responses['capture-post'] | undefined;
    if (!response?.ok) throw new Error(response?.error ?? 'no response');
    button.dataset.state = 'done';
    button.dataset.reportId = response.reportId;
    button.textContent = options.doneLabel;
  } catch (err) {
    console.warn('[report-assistant] capture failed', err);
    button.dataset.state = 'failed';
    button.textContent = options.failedLabel;
  } finally {
    setTimeout(() => {
      if (button.dataset.state !== 'busy') button.textContent = options.label;
    }, 2500);
  }
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
