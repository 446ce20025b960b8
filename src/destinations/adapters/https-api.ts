// The person-configured JSON endpoint (an organisation's report desk): the only destination the
// extension sends to by itself.
//
// Protocol (documented in README "HTTPS API destination"):
//   POST {endpoint}            body: the report as JSON, header `Idempotency-Key: <submission key>`
//                              → 2xx {"id": "..."}; the same key must give the same id (counted once)
//   GET  {endpoint}/{id}       → {"id": "...", "status": "..."}: the status endpoint the extension polls
// 4xx is a permanent refusal (its message is kept), 429 and 5xx and network errors are retried.
// A redirect is never followed: it is a permanent failure (`redirect`), and the report goes nowhere else.
import * as v from 'valibot';
import type { ApiOutcome } from '../../queue/submission-queue';
import type { Submission } from '../../model/submission';
import type { ArtifactMeta } from '../../model/report';
import { reportedUrl } from '../report-text';
import type { SubmittableReport } from './destination-adapter';

export const API_ENDPOINT_STORAGE_KEY = 'apiEndpoint';

export interface ApiEndpointSettings {
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string;
}

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Only https, so nothing a person reports crosses the network in clear; plain http only to this machine
 * (http://127.0.0.1, http://localhost: a desk running locally, and the tests).
 */
export function checkEndpointUrl(input: string): { ok: true; url: string; origin: string } | { ok: false; errorKey: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, errorKey: 'apiEndpointErrorInvalid' };
  }
  if (url.username || url.password) return { ok: false, errorKey: 'apiEndpointErrorCredentials' };
  const local = url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname);
  if (url.protocol !== 'https:' && !local) return { ok: false, errorKey: 'apiEndpointErrorScheme' };
  url.hash = '';
  return { ok: true, url: url.toString().replace(/\/$/, ''), origin: url.origin };
}

export const ApiEndpointSettingsSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(2048), v.check((u) => checkEndpointUrl(u).ok, 'invalid endpoint')),
  token: v.optional(v.pipe(v.string(), v.maxLength(4096))),
});

export interface ApiReportPayload {
  schema: 'report-assistant/report@1';
  submissionId: string;
  reportId: string;
  categoryId: string | null;
  description: string;
  url: string;
  items: Array<{ platform: string; kind: string; url: string; pageTitle: string; author?: string; text: string; capturedAt: string }>;
  evidence: Array<Pick<ArtifactMeta, 'id' | 'kind' | 'mime' | 'size' | 'sha256'> & { data?: string }>;
  signedManifest?: unknown;
  anonymous: boolean;
  goodFaithAt?: string;
  reporter?: { name?: string; phone?: string; email?: string };
}

/**
 * The JSON the desk receives. Only artifacts the person did not exclude; their bytes (base64, because
 * JSON has no bytes) when `artifactData` gives them.
 */
export function apiPayload(
  report: SubmittableReport,
  submission: Submission,
  artifactData: Record<string, string> = {},
): ApiReportPayload {
  const payload: ApiReportPayload = {
    schema: 'report-assistant/report@1',
    submissionId: submission.id,
    reportId: report.id,
    categoryId: report.categoryId,
    description: report.description,
    url: reportedUrl(report),
    items: report.items.map((i) => ({
      platform: i.platform,
      kind: i.kind,
      url: i.permalink ?? i.pageUrl,
      pageTitle: i.pageTitle,
      ...(i.author?.name ? { author: i.author.name } : {}),
      text: i.text,
      capturedAt: i.capturedAt,
    })),
    evidence: report.evidence
      .filter((a) => !a.excluded)
      .map((a) => ({ id: a.id, kind: a.kind, mime: a.mime, size: a.size, sha256: a.sha256, ...(artifactData[a.id] ? { data: artifactData[a.id] } : {}) })),
    anonymous: report.anonymous !== false,
  };
  if (report.signed) payload.signedManifest = report.signed;
  if (report.goodFaith?.at) payload.goodFaithAt = report.goodFaith.at;
  if (report.anonymous === false && report.reporter) payload.reporter = report.reporter;
  return payload;
}

const AcceptedSchema = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), url: v.optional(v.string()) });

function messageOf(text: string): string {
  try {
    const json = JSON.parse(text) as { message?: unknown; error?: unknown };
    const m = typeof json.message === 'string' ? json.message : typeof json.error === 'string' ? json.error : undefined;
    if (m) return m.slice(0, 500);
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 500);
}

/**
 * Sends one submission. Never throws: every failure is an outcome the queue knows what to do with.
 *
 * The report (with the reporter's identity when it is not anonymous) and the token go to the endpoint the
 * person saved and nowhere else:
 * - the endpoint is checked again here (https, or http to this machine only), whatever the storage holds;
 * - redirects are not followed. `redirect: 'manual'` rather than `'error'`: both stop the browser from
 *   sending anything to the redirect's target, but 'error' fails exactly like a network error (retried),
 *   while 'manual' hands back the redirect itself, so it becomes a permanent failure that says why
 *   (`redirect`, shown as submissionErrorRedirect). A 307 to plain http had sent the whole report there
 *   and recorded the attacker's receipt.
 */
export async function sendToApi(
  endpoint: ApiEndpointSettings,
  submission: Submission,
  payload: ApiReportPayload,
  fetchImpl: typeof fetch = fetch,
  now: () => Date = () => new Date(),
  timeoutMs = 30_000,
): Promise<ApiOutcome> {
  const checked = checkEndpointUrl(endpoint.url);
  if (!checked.ok) return { kind: 'permanent', code: 'insecure-endpoint', detail: String(endpoint.url).slice(0, 500) };
  let response: Response;
  try {
    response = await fetchImpl(checked.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': submission.idempotencyKey,
        ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}),
      },
      body: JSON.stringify(payload),
      credentials: 'omit',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { kind: 'retryable', code: 'network', detail: String((err as Error)?.message ?? err).slice(0, 500) };
  }
  // The browser hides a manual redirect's target (an opaque response): the detail names the endpoint.
  if (isRedirect(response)) return { kind: 'permanent', code: 'redirect', detail: checked.url };
  const text = await response.text().catch(() => '');
  const status = response.status;
  if (status >= 200 && status < 300) {
    const parsed = v.safeParse(AcceptedSchema, safeJson(text));
    if (!parsed.success) return { kind: 'permanent', code: 'bad-response', detail: `${status}: ${text.slice(0, 200)}` };
    return { kind: 'accepted', code: parsed.output.id, ...(parsed.output.url ? { url: parsed.output.url } : {}) };
  }
  if (status === 429) {
    const after = Number(response.headers.get('retry-after'));
    const until = new Date(now().getTime() + (Number.isFinite(after) && after > 0 ? after * 1000 : 60_000)).toISOString();
    return { kind: 'rate-limited', until, detail: messageOf(text) || 'HTTP 429' };
  }
  if (status === 409) return { kind: 'duplicate', detail: messageOf(text) || 'HTTP 409' };
  if (status === 408 || status >= 500) return { kind: 'retryable', code: `http-${status}`, detail: messageOf(text) || `HTTP ${status}` };
  return { kind: 'permanent', code: `http-${status}`, detail: messageOf(text) || `HTTP ${status}` };
}

/** A redirect answer: opaque in a browser (`redirect: 'manual'`), a 3xx with its Location elsewhere. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const StatusSchema = v.object({ id: v.string(), status: v.pipe(v.string(), v.maxLength(100)), note: v.optional(v.pipe(v.string(), v.maxLength(2000))) });
export type ApiStatus = v.InferOutput<typeof StatusSchema>;

/** Polls the desk's status endpoint for one receipt id; undefined when the desk could not answer. */
export async function pollApiStatus(
  endpoint: ApiEndpointSettings,
  receiptId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ApiStatus | undefined> {
  try {
    const checked = checkEndpointUrl(endpoint.url);
    if (!checked.ok) return undefined;
    const response = await fetchImpl(`${checked.url}/${encodeURIComponent(receiptId)}`, {
      headers: endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {},
      credentials: 'omit',
      // The token goes to the endpoint's origin only: a redirect is an error, not followed.
      redirect: 'error',
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) return undefined;
    const parsed = v.safeParse(StatusSchema, await response.json());
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}
