import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore, openReportDb } from '../../../src/storage/report-store';
import { newDraft } from '../../../src/model/report';
import { readEvents, recordEvent } from '../../../src/lifecycle/event-log';
import { canApply, foldEvents, stageOf } from '../../../src/lifecycle/lifecycle';
import { dueAt, findOverdue, windowFor } from '../../../src/lifecycle/response-windows';
import { chinaDate, escalationHistory, escalationOptions } from '../../../src/lifecycle/escalation';
import type { CapturedPost } from '../../../src/model/captured-post';

const post: CapturedPost = {
  platform: 'weibo', kind: 'post', ids: { postId: 'M1' }, pageUrl: 'https://weibo.com/1/M1', pageTitle: 't',
  text: '诈骗', media: [], context: [], capturedAt: '2026-11-01T00:00:00.000Z',
};

async function setup() {
  globalThis.indexedDB = new IDBFactory();
  const name = `test-${Math.random()}`;
  const store = new IdbReportStore(name);
  const report = newDraft([post], []);
  await store.create(report, []);
  return { store, db: await openReportDb(name), report };
}

describe('lifecycle state machine', () => {
  it('walks draft → saved → submitted → awaiting → no-answer → escalated → handled → closed, keeping the report summary in step', async () => {
    const { store, db, report } = await setup();
    const at = (d: string) => ({ now: new Date(d) });
    await recordEvent(db, report.id, 'captured', {}, at('2026-11-01T00:00:00Z'));
    expect((await store.get(report.id))!.lifecycle!.stage).toBe('draft');
    await recordEvent(db, report.id, 'saved', {}, at('2026-11-01T00:05:00Z'));
    await recordEvent(db, report.id, 'submitted', { submissionId: 's1', destinationId: 'weibo' }, at('2026-11-01T01:00:00Z'));
    expect((await store.get(report.id))!.lifecycle!.stage).toBe('submitted');
    await recordEvent(db, report.id, 'receipt', { submissionId: 's1', destinationId: 'weibo', receipt: { code: 'WB-77', at: 'x' } });
    let life = (await store.get(report.id))!.lifecycle!;
    expect(life.stage).toBe('awaiting-feedback');
    expect(life.receipts).toEqual({ s1: 'WB-77' });
    expect(life.awaiting).toEqual([{ submissionId: 's1', destinationId: 'weibo', since: life.lastEventAt }]);
    await recordEvent(db, report.id, 'reminder', { submissionId: 's1', destinationId: 'weibo' }, at('2026-11-09T00:00:00Z'));
    life = (await store.get(report.id))!.lifecycle!;
    expect(life.stage).toBe('no-answer');
    expect(life.awaiting[0]!.reminded).toBe('2026-11-09T00:00:00.000Z');
    await recordEvent(db, report.id, 'escalated', { fromSubmissionId: 's1', toDestinationId: '12377', submissionId: 's2' });
    await recordEvent(db, report.id, 'submitted', { submissionId: 's2', destinationId: '12377', escalatedFrom: 's1' });
    await recordEvent(db, report.id, 'receipt', { submissionId: 's2', destinationId: '12377', receipt: { code: 'Q123', at: 'x' }, queryCode: 'Q123' });
    life = (await store.get(report.id))!.lifecycle!;
    expect(life.stage).toBe('escalated');
    expect(life.destinations).toEqual(['weibo', '12377']);
    expect(life.awaiting.map((a) => a.submissionId)).toEqual(['s2']);
    await recordEvent(db, report.id, 'feedback', { submissionId: 's2', destinationId: '12377', outcome: 'removed', source: '12377-query' });
    life = (await store.get(report.id))!.lifecycle!;
    expect([life.stage, life.outcome, life.awaiting.length]).toEqual(['handled', 'removed', 0]);
    // A late "no answer" elsewhere does not undo a handled report.
    await recordEvent(db, report.id, 'feedback', { submissionId: 's1', destinationId: 'weibo', outcome: 'no-answer' });
    expect((await store.get(report.id))!.lifecycle!.stage).toBe('handled');
    await recordEvent(db, report.id, 'closed', { note: '已删除' });
    const stored = (await store.get(report.id))!;
    expect(stageOf(stored)).toBe('closed');
    // The summary is exactly the fold of the log.
    expect(foldEvents(await readEvents(db, report.id))).toEqual(stored.lifecycle);
  });

  it('ignores illegal moves for the stage but keeps them in the history', async () => {
    const { db, report, store } = await setup();
    await recordEvent(db, report.id, 'captured');
    await recordEvent(db, report.id, 'reminder', { submissionId: 'x' });
    await recordEvent(db, report.id, 'escalated', {});
    expect((await store.get(report.id))!.lifecycle!.stage).toBe('draft');
    expect((await readEvents(db, report.id)).length).toBe(3);
    expect(canApply('draft', 'reminder')).toBe(false);
    expect(canApply('handled', 'closed')).toBe(true);
  });

  it('lets a status be set by hand from any stage', async () => {
    const { db, report, store } = await setup();
    await recordEvent(db, report.id, 'captured');
    await recordEvent(db, report.id, 'status-set-by-hand', { outcome: 'rejected', note: '平台电话告知不予处理' });
    expect((await store.get(report.id))!.lifecycle).toMatchObject({ stage: 'rejected', outcome: 'rejected' });
    await recordEvent(db, report.id, 'status-set-by-hand', { stage: 'closed', note: '不再跟进' });
    expect((await store.get(report.id))!.lifecycle!.stage).toBe('closed');
  });

  it('shows the form’s draft/saved status until the first submission', () => {
    expect(stageOf({ status: 'saved' })).toBe('saved');
    expect(stageOf({ status: 'saved', lifecycle: { stage: 'draft' } as never })).toBe('saved');
    expect(stageOf({ status: 'saved', lifecycle: { stage: 'escalated' } as never })).toBe('escalated');
  });
});

describe('response windows', () => {
  it('defaults: a week for platforms, 15 working days for 12377, overridable', () => {
    expect(windowFor('weibo')).toEqual({ amount: 7, unit: 'days' });
    expect(windowFor('12377')).toEqual({ amount: 15, unit: 'working-days' });
    expect(windowFor('weibo', { weibo: { amount: 2, unit: 'hours' } })).toEqual({ amount: 2, unit: 'hours' });
    expect(windowFor('weibo', { weibo: { amount: -1, unit: 'days' } })).toEqual({ amount: 7, unit: 'days' });
  });

  it('counts working days in China time, skipping weekends', () => {
    // Friday 2026-11-20 10:00 China time; 1 working day later is Monday.
    expect(dueAt('2026-11-20T02:00:00Z', { amount: 1, unit: 'working-days' }).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(dueAt('2026-11-20T02:00:00Z', { amount: 15, unit: 'working-days' }).toISOString()).toBe('2026-12-11T02:00:00.000Z');
    expect(dueAt('2026-11-20T02:00:00Z', { amount: 3, unit: 'days' }).toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });

  it('finds the submissions whose window passed', () => {
    const reports = [
      { id: 'a', lifecycle: { stage: 'awaiting-feedback', awaiting: [{ submissionId: 's1', destinationId: 'weibo', since: '2026-11-01T00:00:00Z' }] } },
      { id: 'b', lifecycle: { stage: 'handled', awaiting: [{ submissionId: 's2', destinationId: 'weibo', since: '2026-11-01T00:00:00Z' }] } },
      { id: 'c', lifecycle: { stage: 'submitted', awaiting: [{ submissionId: 's3', destinationId: '12377', since: '2026-11-01T00:00:00Z' }] } },
    ];
    const found = findOverdue(reports, {}, new Date('2026-11-09T00:00:00Z'));
    expect(found.map((o) => o.submissionId)).toEqual(['s1']);
    expect(found[0]!.dueAt).toBe('2026-11-08T00:00:00.000Z');
  });
});

describe('escalation ladder', () => {
  it('goes platform → 12377/provincial → the specialised channel for the harm', () => {
    expect(escalationOptions('weibo', 'illegal-11-fraud')[0]).toBe('12377');
    expect(escalationOptions('weibo', 'illegal-11-fraud')).toContain('cyberpolice');
    expect(escalationOptions('weibo', 'illegal-10-enterprise')[0]).toBe('12377-enterprise');
    expect(escalationOptions('12377', 'illegal-8')).toEqual(['piyao']);
    expect(escalationOptions('12377', 'harmful-7')).toEqual([]);
    expect(escalationOptions('weibo', 'illegal-8', ['12377'])[0]).toBe('provincial-beijing');
  });

  it('writes the history the destination reads', () => {
    expect(chinaDate('2026-11-01T20:00:00Z')).toBe('2026年11月2日');
    expect(escalationHistory([{ destinationName: '新浪微博', when: '2026年11月1日', receiptCode: 'WB-77' }])).toBe(
      '已于2026年11月1日向新浪微博举报，举报编号WB-77，至今未处理。',
    );
  });
});
