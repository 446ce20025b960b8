// Filling a destination's form and reading its answer, driven by a SiteProfile (DOM in, DOM out).
// Runs in the content script on the destination's own page; never submits and never touches a captcha.
import type { FieldName, FillValues } from './adapters/destination-adapter';
import type { AnswerRule, FieldRule, SiteProfile } from './adapters/site-profiles';

function first<E extends Element>(doc: ParentNode, selectors: readonly string[]): E | null {
  for (const sel of selectors) {
    const el = doc.querySelector<E>(sel);
    if (el) return el;
  }
  return null;
}

function all<E extends Element>(doc: ParentNode, selectors: readonly string[]): E[] {
  for (const sel of selectors) {
    const found = [...doc.querySelectorAll<E>(sel)];
    if (found.length) return found;
  }
  return [];
}

/** Sets a value the way typing does, so the page's own framework (React, Vue) sees it. */
function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '').trim();

function labelOf(input: HTMLInputElement): string {
  const doc = input.ownerDocument;
  const byFor = input.id ? doc.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
  return norm(byFor?.textContent ?? input.closest('label')?.textContent ?? input.getAttribute('aria-label'));
}

function radioFor(doc: ParentNode, rule: FieldRule, value: string): HTMLInputElement | undefined {
  const inputs = all<HTMLInputElement>(doc, rule.selectors);
  const wanted = norm(value);
  return rule.match === 'label'
    ? (inputs.find((i) => labelOf(i) === wanted) ?? inputs.find((i) => labelOf(i).includes(wanted)))
    : inputs.find((i) => i.value === value);
}

/**
 * Whether the page offers the profile's reason `value` yet: dialogs whose reasons the site serves after
 * opening (Zhihu) are filled once it does.
 */
export function reasonAvailable(doc: ParentNode, profile: SiteProfile, value: string): boolean {
  const rule = profile.fields.reason;
  if (!rule) return false;
  if (rule.kind === 'radio') return Boolean(radioFor(doc, rule, value));
  const select = first<HTMLSelectElement>(doc, rule.selectors);
  if (!select || select.tagName !== 'SELECT') return false;
  const wanted = norm(value);
  return [...select.options].some((o) => (rule.match === 'label' ? norm(o.textContent).includes(wanted) : o.value === value));
}

function chooseRadio(doc: ParentNode, rule: FieldRule, value: string): boolean {
  const hit = radioFor(doc, rule, value);
  if (!hit) return false;
  if (!hit.checked) hit.click();
  if (!hit.checked) {
    hit.checked = true;
    hit.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return true;
}

function chooseOption(select: HTMLSelectElement, rule: FieldRule, value: string): boolean {
  const wanted = norm(value);
  const options = [...select.options];
  const hit =
    rule.match === 'label'
      ? (options.find((o) => norm(o.textContent) === wanted) ?? options.find((o) => norm(o.textContent).includes(wanted)))
      : options.find((o) => o.value === value);
  if (!hit) return false;
  setValue(select, hit.value);
  return true;
}

export interface FillResult {
  filled: FieldName[];
  /** Fields the plan had a value for but the page had no place for (or no matching choice). */
  missing: FieldName[];
}

/** Fills every field the profile knows and the plan has a value for. Never overwrites what the person typed. */
export function fillForm(doc: ParentNode, profile: SiteProfile, values: FillValues): FillResult {
  const filled: FieldName[] = [];
  const missing: FieldName[] = [];
  const order: FieldName[] = ['reasonParent', 'reason', 'url', 'siteName', 'platformName', 'title', 'province', 'description', 'reporterName', 'reporterPhone', 'reporterEmail'];
  for (const name of order) {
    const value = values[name];
    const rule = name === 'reasonParent' ? profile.fields.reason : profile.fields[name];
    if (!value || !rule) continue;
    let ok = false;
    if (rule.kind === 'radio') {
      ok = chooseRadio(doc, rule, value);
    } else {
      const el = first<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(doc, rule.selectors);
      if (el instanceof HTMLSelectElement || (el && el.tagName === 'SELECT')) {
        ok = chooseOption(el as HTMLSelectElement, rule, value);
      } else if (el) {
        if (el.value && el.value !== value) {
          ok = true; // the person's own text stays
        } else {
          const max = (el as HTMLInputElement).maxLength;
          setValue(el, max > 0 ? [...value].slice(0, max).join('') : value);
          ok = true;
        }
      }
    }
    (ok ? filled : missing).push(name);
  }
  return { filled, missing };
}

/** Puts files into the profile's file input, as a person choosing them would (DataTransfer). */
export function attachFiles(doc: ParentNode, profile: SiteProfile, files: File[]): boolean {
  if (!profile.fileInput || files.length === 0) return false;
  const input = first<HTMLInputElement>(doc, profile.fileInput);
  if (!input) return false;
  const transfer = new DataTransfer();
  for (const file of input.multiple ? files : files.slice(0, 1)) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

export interface PageAnswer {
  kind: AnswerRule['kind'];
  code?: string;
  detail: string;
}

function visible(el: Element): boolean {
  const html = el as HTMLElement;
  if (html.hidden) return false;
  const style = el.ownerDocument.defaultView?.getComputedStyle(html);
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}

/** What the page says now, if it says one of the profile's answers. Confirmation wins over errors. */
export function readAnswer(doc: ParentNode, profile: SiteProfile): PageAnswer | null {
  const order: AnswerRule['kind'][] = ['confirmed', 'already-reported', 'too-frequent'];
  for (const kind of order) {
    for (const rule of profile.answers.filter((a) => a.kind === kind)) {
      for (const sel of rule.selectors) {
        for (const el of doc.querySelectorAll(sel)) {
          if (!visible(el)) continue;
          const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (!new RegExp(rule.text).test(text)) continue;
          const code = rule.code ? new RegExp(rule.code).exec(text)?.[1] : undefined;
          return { kind, ...(code ? { code } : {}), detail: text.slice(0, 500) };
        }
      }
    }
  }
  return null;
}

/** The notes page's state: is the agree button still counting down, and how many seconds are left. */
export function notesState(doc: ParentNode, profile: SiteProfile): { found: boolean; locked: boolean; secondsLeft: number | null; read: boolean } {
  if (!profile.notes) return { found: false, locked: false, secondsLeft: null, read: false };
  const agree = doc.querySelector<HTMLButtonElement | HTMLInputElement>(profile.notes.agree);
  const box = doc.querySelector<HTMLInputElement>(profile.notes.checkbox);
  if (!agree) return { found: false, locked: false, secondsLeft: null, read: Boolean(box?.checked) };
  const text = agree instanceof HTMLInputElement ? agree.value : (agree.textContent ?? '');
  const n = /(\d+)\s*(s|秒)?/.exec(text);
  const locked = agree.disabled || agree.classList.contains('disabled');
  return { found: true, locked, secondsLeft: locked && n ? Number(n[1]) : null, read: Boolean(box?.checked) };
}

export function focusCaptcha(doc: ParentNode, profile: SiteProfile): boolean {
  const el = profile.captcha ? first<HTMLInputElement>(doc, profile.captcha) : null;
  el?.focus();
  return Boolean(el);
}
