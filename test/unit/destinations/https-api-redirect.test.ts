// Security (issue 24, item 5): the HTTPS endpoint gets the whole report, with the reporter's identity
// when it is not anonymous, and the person's token. It must go to the endpoint the person saved and
// nowhere else: no redirect is followed (a redirect is a permanent failure that says why, in the
// person's language), and only https (or http to this machine) is ever sent to, whatever storage holds.
import { describe, expect, it } from 'vitest';
import { apiPayload, pollApiStatus, sendToApi } from '../../../src/destinations/adapters/https-api';
import { newSubmission } from '../../../src/model/submission';
import { newDraft } from '../../../src/model/report';
import { IDBFactory } from 'fake-indexeddb';
import { SubmissionQueue } from '../../../src/queue/submission-queue';
import { IdbSubmissionStore } from '../../../src/queue/submission-store';
import { IdbReportStore } from '../../../src/storage/report-store';
import { createTranslator } from '../../../src/i18n/i18n';
import zh from '../../../public/_locales/zh_CN/messages.json';
import en from '../../../public/_locales/en/messages.json';

const submission = newSubmission({ reportId: 'r1', destinationId: 'https-api', channel: 'api' });
const payload = apiPayload({ ...newDraft([], []), anonymous: false, reporter: { name: '张三', phone: '13800000000' } }, submission);

function recordingFetch(answer: () => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as unknown as typeof fetch;
  return { calls, impl };
}

/** What a browser hands back for `redirect: 'manual'`: an opaque redirect, status 0, no headers. */
function opaqueRedirect(): Response {
  const r = new Response(null, { status: 200 });
  Object.defineProperty(r, 'type', { value: 'opaqueredirect' });
  Object.defineProperty(r, 'status', { value: 0 });
  return r;
}

describe('the HTTPS endpoint never follows a redirect', () => {
  it('asks the browser not to follow redirects, and sends nothing anywhere else', async () => {
    const { calls, impl } = recordingFetch(() => new Response('{"id":"D1"}', { status: 201 }));
    await sendToApi({ url: 'https://desk.example.org/reports' }, submission, payload, impl);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://desk.example.org/reports');
    expect(calls[0]!.init.redirect).toBe('manual');
    expect(calls[0]!.init.credentials).toBe('omit');
  });

  it.each([
    ['an opaque redirect (what the browser gives)', opaqueRedirect],
    ['a 307 to plain http', () => new Response('', { status: 307, headers: { location: 'http://collector.example/steal' } })],
    ['a 308 to another https origin', () => new Response('', { status: 308, headers: { location: 'https://other.example/x' } })],
    ['a 302', () => new Response('', { status: 302, headers: { location: '/elsewhere' } })],
  ])('treats %s as a permanent failure that names the endpoint', async (_name, answer) => {
    const { calls, impl } = recordingFetch(answer);
    const outcome = await sendToApi({ url: 'https://desk.example.org/reports', token: 'secret' }, submission, payload, impl);
    expect(outcome).toEqual({ kind: 'permanent', code: 'redirect', detail: 'https://desk.example.org/reports' });
    expect(calls).toHaveLength(1);
  });

  it('sends nothing to an endpoint that is not https (storage can hold anything), except http to this machine', async () => {
    for (const url of ['http://desk.example.org/reports', 'ftp://desk.example.org/', 'javascript:alert(1)', 'https://u:p@desk.example.org/']) {
      const { calls, impl } = recordingFetch(() => new Response('{"id":"D1"}', { status: 201 }));
      expect(await sendToApi({ url }, submission, payload, impl)).toMatchObject({ kind: 'permanent', code: 'insecure-endpoint' });
      expect(calls).toHaveLength(0);
    }
    const { calls, impl } = recordingFetch(() => new Response('{"id":"D1"}', { status: 201 }));
    expect(await sendToApi({ url: 'http://127.0.0.1:8080/desk' }, submission, payload, impl)).toEqual({ kind: 'accepted', code: 'D1' });
    expect(calls).toHaveLength(1);
  });

  it('polls the status without following redirects either (the token goes to the endpoint only)', async () => {
    const { calls, impl } = recordingFetch(() => new Response('{"id":"D1","status":"removed"}', { status: 200 }));
    expect(await pollApiStatus({ url: 'https://desk.example.org/reports', token: 't' }, 'D1', impl)).toMatchObject({ status: 'removed' });
    expect(calls[0]!.init.redirect).toBe('error');
    const insecure = recordingFetch(() => new Response('{"id":"D1","status":"removed"}', { status: 200 }));
    expect(await pollApiStatus({ url: 'http://desk.example.org/reports', token: 't' }, 'D1', insecure.impl)).toBeUndefined();
    expect(insecure.calls).toHaveLength(0);
  });
});

describe('the queue keeps a redirect as a permanent failure, said in the person’s language', () => {
  it('stores code, message key and the endpoint, sends once, and the words exist in Chinese and English', async () => {
    globalThis.indexedDB = new IDBFactory();
    const name = `redirect-${Math.random()}`;
    const store = new IdbSubmissionStore(name);
    const reports = new IdbReportStore(name);
    const sent: string[] = [];
    const queue = new SubmissionQueue({
      store,
      destination: () => ({ id: 'https-api', channel: 'api' }),
      sendApi: async (s) => {
        sent.push(s.id);
        return { kind: 'permanent', code: 'redirect', detail: 'https://desk.example.org/reports' };
      },
      backoff: async () => ({ baseMs: 1000, maxMs: 8000, maxAttempts: 4 }),
      now: () => new Date('2026-11-22T10:00:00.000Z'),
      random: () => 0.5,
      orphanedBefore: new Date('2026-11-22T09:59:00.000Z'),
    });
    const report = { ...newDraft([], []), status: 'saved' as const };
    await reports.create(report, []);
    const [s] = await store.createForReport(report.id, [newSubmission({ reportId: report.id, destinationId: 'https-api', channel: 'api' })], (r) => r);
    await queue.process();
    await queue.process();
    expect(sent).toEqual([s!.id]);
    expect(await store.get(s!.id)).toMatchObject({
      state: 'failed-permanent',
      lastError: { code: 'redirect', messageKey: 'submissionErrorRedirect', detail: 'https://desk.example.org/reports', permanent: true },
    });
    const tz = createTranslator(zh as never);
    const te = createTranslator(en as never, zh as never);
    expect(tz('submissionErrorRedirect', 'https://desk.example.org/reports')).toMatch(/^接口 https:\/\/desk\.example\.org\/reports .*重定向.*没有跟随/);
    expect(te('submissionErrorRedirect', 'https://desk.example.org/reports')).toMatch(/^The endpoint https:\/\/desk\.example\.org\/reports .*redirected.*not followed/);
    expect(tz('submissionErrorInsecureEndpoint', 'http://x')).toContain('不是 https');
  });
});
