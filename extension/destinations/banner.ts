// A small panel on the destination's page that tells the person what the extension did and what is
// theirs to do. In a closed shadow root so the page's styles cannot hide or restyle it; text only.
export interface Banner {
  set(text: string, tone: 'wait' | 'act' | 'done'): void;
}

export function showBanner(title: string): Banner {
  const host = document.createElement('div');
  host.dataset.reportAssistant = 'destination-banner';
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; }
    .panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 360px;
      font: 14px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; color: #1b1b1f; background: #fff;
      border: 2px solid #b3261e; border-radius: 8px; padding: 10px 14px; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
    .panel[data-tone="done"] { border-color: #1e6b32; }
    .panel[data-tone="wait"] { border-color: #7a5a00; }
    strong { display: block; margin-bottom: 4px; }
    @media (prefers-color-scheme: dark) { .panel { color: #e6e1e5; background: #1f1f23; } }`;
  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.setAttribute('role', 'status');
  panel.setAttribute('aria-live', 'polite');
  const heading = document.createElement('strong');
  heading.textContent = title;
  const body = document.createElement('span');
  panel.append(heading, body);
  root.append(style, panel);
  document.documentElement.append(host);
  return {
    set(text, tone) {
      if (body.textContent !== text) body.textContent = text;
      panel.dataset.tone = tone;
      // Mirrored on the host (light DOM) so tests and assistive tools outside the shadow root can read it.
      host.dataset.tone = tone;
      host.setAttribute('aria-label', `${title}: ${text}`);
    },
  };
}
