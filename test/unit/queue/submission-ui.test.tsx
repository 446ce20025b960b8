// @vitest-environment happy-dom
// The submission status and actions as the person sees them (Preact, rendered in happy-dom).
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SubmissionActions, SubmissionStatus } from '../../../src/ui/submissions/submission-actions';
import { ApiEndpointSettingsForm, originPattern } from '../../../src/ui/api-endpoint-settings';
import { createTranslator, type LocaleMessages } from '../../../src/i18n/i18n';
import { newSubmission, type Submission } from '../../../src/model/submission';
import type { SubmittableReport } from '../../../src/destinations/adapters/destination-adapter';

const messages = (l: string) => JSON.parse(readFileSync(path.join(process.cwd(), `public/_locales/${l}/messages.json`), 'utf8')) as LocaleMessages;
const zh = createTranslator(messages('zh_CN'));
const en = createTranslator(messages('en'), messages('zh_CN'));

const report = { id: 'r1', items: [], evidence: [], description: 'x', categoryId: null } as unknown as SubmittableReport;
const sub = (over: Partial<Submission>): Submission => ({ ...newSubmission({ reportId: 'r1', destinationId: '12377', channel: 'web-form' }), ...over });

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}

describe('submission status', () => {
  it('says why a 12377 report waits, and until when, in the person’s language', () => {
    const held = sub({
      state: 'rate-limited',
      nextAttemptAt: '2026-11-23T09:00:00.000Z',
      lastError: { code: 'daily-limit', messageKey: 'submissionErrorDailyLimit', detail: '50/50', permanent: false },
    });
    const zhRoot = mount(<SubmissionStatus submission={held} t={zh} locale="zh_CN" />);
    expect(zhRoot.textContent).toContain('受限，稍后再试');
    expect(zhRoot.querySelector('[data-testid="submission-error"]')!.textContent).toBe('已达到每 24 小时 50 次的举报上限（50/50），将在名额空出后再提醒你。');
    expect(zhRoot.querySelector('[data-testid="submission-next"]')!.textContent).toMatch(/^下次尝试：2026/);
    const enRoot = mount(<SubmissionStatus submission={held} t={en} locale="en" />);
    expect(enRoot.querySelector('[data-testid="submission-error"]')!.textContent).toBe(
      'The limit of 50 reports per 24 hours is reached (50/50); you will be reminded when a place frees up.',
    );
  });

  it('shows the receipt and the destination’s own words as text', () => {
    const root = mount(
      <SubmissionStatus
        submission={sub({ state: 'failed-permanent', lastError: { code: 'http-400', messageKey: 'submissionErrorRejected', detail: '<b>url</b> 不合法', permanent: true } })}
        t={zh}
        locale="zh_CN"
      />,
    );
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<b>url</b> 不合法');
  });
});

describe('submission actions', () => {
  it('offers what fits the state and sends the person’s choice', async () => {
    const act_ = vi.fn(async () => ({ ok: true as const, submission: sub({ state: 'queued' }) }));
    const root = mount(<SubmissionActions submission={sub({ state: 'failed-permanent' })} report={report} t={zh} locale="zh_CN" act={act_} readArtifact={async () => undefined} />);
    expect(root.querySelector('[data-testid="submission-open"]')).toBeNull();
    await act(async () => {
      (root.querySelector('[data-testid="submission-retry"]') as HTMLButtonElement).click();
    });
    expect(act_).toHaveBeenCalledWith({ type: 'submission-action', payload: { submissionId: expect.any(String), action: 'retry' } });

    const waiting = mount(<SubmissionActions submission={sub({ state: 'awaiting-person' })} report={report} t={zh} locale="zh_CN" act={act_} readArtifact={async () => undefined} />);
    expect(waiting.querySelector('[data-testid="submission-open"]')!.textContent).toBe('打开举报页面');
    expect(waiting.querySelector('[data-testid="submission-retry"]')).toBeNull();
    const api = mount(<SubmissionActions submission={sub({ state: 'failed-retryable', channel: 'api' })} report={report} t={zh} locale="zh_CN" act={act_} readArtifact={async () => undefined} />);
    expect(api.querySelector('[data-testid="submission-open"]')).toBeNull();
    expect(api.querySelector('[data-testid="submission-confirm"]')).toBeNull();
  });

  it('after "write the e-mail", shows the mailto link, copy and pack, and a confirmation with the number', async () => {
    const s = sub({ state: 'awaiting-person', channel: 'email', destinationId: 'douyin' });
    const act_ = vi.fn(async (m: { payload: { action: string } }) =>
      m.payload.action === 'open'
        ? { ok: true as const, submission: { ...s, state: 'submitting' as const }, action: { kind: 'email' as const, clipboardText: 'text', email: { to: 'jubao@douyin.com', subject: 's', body: 'b', mailto: 'mailto:jubao@douyin.com?subject=s&body=b' } } }
        : { ok: true as const, submission: { ...s, state: 'submitted' as const } },
    );
    let current = s;
    const root = document.createElement('div');
    document.body.append(root);
    const draw = () => render(<SubmissionActions submission={current} report={report} t={zh} locale="zh_CN" act={act_ as never} readArtifact={async () => undefined} onChanged={(n) => ((current = n), draw())} />, root);
    draw();
    await act(async () => {
      (root.querySelector('[data-testid="submission-open"]') as HTMLButtonElement).click();
    });
    expect(root.querySelector('[data-testid="submission-mailto"]')!.getAttribute('href')).toBe('mailto:jubao@douyin.com?subject=s&body=b');
    expect(root.querySelector('[data-testid="submission-pack"]')).not.toBeNull();
    const input = root.querySelector('input') as HTMLInputElement;
    expect(root.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('对方给的编号（可不填）');
    input.value = 'DY-1';
    await act(async () => {
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      (root.querySelector('[data-testid="submission-confirm"]') as HTMLButtonElement).click();
    });
    expect(act_).toHaveBeenLastCalledWith({ type: 'submission-action', payload: { submissionId: s.id, action: 'confirm', code: 'DY-1' } });
  });
});

describe('API endpoint settings', () => {
  it('refuses a plain-http endpoint with the reason next to the field, and asks only for that origin when saving', async () => {
    const stored: Record<string, unknown> = {};
    const api = {
      storage: { local: { get: async () => ({}), set: async (v: Record<string, unknown>) => void Object.assign(stored, v), remove: async () => undefined } },
      permissions: { request: vi.fn(async () => true) },
    };
    const root = mount(<ApiEndpointSettingsForm t={zh} api={api} />);
    const url = root.querySelector('#api-endpoint-url') as HTMLInputElement;
    const save = root.querySelector('[data-testid="api-endpoint-save"]') as HTMLButtonElement;
    url.value = 'http://desk.example.org/reports';
    await act(async () => void url.dispatchEvent(new Event('input', { bubbles: true })));
    await act(async () => save.click());
    expect(root.querySelector('#api-endpoint-error')!.textContent).toContain('只接受 https 地址');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(api.permissions.request).not.toHaveBeenCalled();
    url.value = 'https://desk.example.org/reports/';
    await act(async () => void url.dispatchEvent(new Event('input', { bubbles: true })));
    await act(async () => save.click());
    await act(async () => undefined);
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: ['https://desk.example.org/*'] });
    expect(stored.apiEndpoint).toEqual({ url: 'https://desk.example.org/reports' });
    expect(root.querySelector('[data-testid="api-endpoint-status"]')!.textContent).toBe('已保存，已获得访问权限。');
    expect(originPattern('http://127.0.0.1:4567/desk')).toBe('http://127.0.0.1/*');
  });
});

describe('submissions panel', () => {
  it('lists every submission of the report with its destination, state and actions', async () => {
    const { IDBFactory } = await import('fake-indexeddb');
    const { IdbReportStore } = await import('../../../src/storage/report-store');
    const { IdbSubmissionStore } = await import('../../../src/queue/submission-store');
    const { newDraft } = await import('../../../src/model/report');
    const { SubmissionsPanel } = await import('../../../src/ui/submissions/submissions-panel');
    globalThis.indexedDB = new IDBFactory();
    const name = `panel-${Math.random()}`;
    const reports = new IdbReportStore(name);
    const submissions = new IdbSubmissionStore(name);
    const r = { ...newDraft([], []), status: 'saved' as const };
    await reports.create(r, []);
    await submissions.createForReport(
      r.id,
      [
        { ...newSubmission({ reportId: r.id, destinationId: '12377', channel: 'web-form' }), state: 'awaiting-person' as const },
        {
          ...newSubmission({ reportId: r.id, destinationId: 'https-api', channel: 'api' }, new Date(Date.now() + 1000)),
          state: 'submitted' as const,
          receipt: { code: 'D000001', at: new Date().toISOString() },
        },
      ],
      (x) => x,
    );
    const root = mount(<SubmissionsPanel reportId={r.id} t={zh} locale="zh_CN" send={async () => ({ ok: true })} stores={{ reports, submissions }} refreshMs={50} />);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid="submission-row"]').length).toBe(2));
    const rows = [...root.querySelectorAll('[data-testid="submission-row"]')];
    expect(rows.map((x) => x.getAttribute('data-state'))).toEqual(['awaiting-person', 'submitted']);
    expect(rows[0]!.querySelector('strong')!.textContent).toBe(zh('dest_12377'));
    expect(rows[0]!.querySelector('[data-testid="submission-open"]')).not.toBeNull();
    expect(rows[1]!.textContent).toContain('D000001');
    render(null, root);
  });
});
