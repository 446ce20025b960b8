import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore, openReportDb } from '../../../src/storage/report-store';
import { newDraft, type ArtifactMeta, type Report } from '../../../src/model/report';
import { readEvents, recordEvent } from '../../../src/lifecycle/event-log';
import { generateSigningKey, getSigningKey, SIGNING_KEY_META } from '../../../src/evidence/signing-key';
import { signManifestJson, signReportObject } from '../../../src/evidence/sign-report';
import { sha256Hex } from '../../../src/evidence/hash';
import { buildEvidencePack } from '../../../src/export/evidence-pack';
import { describePackVerdict, verifyPack } from '../../../src/export/verify-pack';
import { describeEventData, renderSummaryHtml } from '../../../src/export/summary-html';
import { reportsToCsv, parseCsv, csvCell, BOM } from '../../../src/export/csv';
import { createBackup, deleteEverything, readBackup, restoreBackup, RESTORED_KEYS_META } from '../../../src/export/backup';
import { unzip, zip } from '../../../src/export/zip-files';
import { createTranslator } from '../../../src/i18n/i18n';
import zh from '../../../public/_locales/zh_CN/messages.json';
import type { CapturedPost } from '../../../src/model/captured-post';

const t = createTranslator(zh as never);
const post: CapturedPost = {
  platform: 'weibo', kind: 'post', ids: { postId: 'M1' }, pageUrl: 'https://weibo.com/1/M1', permalink: 'https://weibo.com/1/M1',
  pageTitle: 't', text: '=HYPERLINK("x") 日赚三千，"稳赚"不赔', author: { name: '导师' }, media: [], context: [],
  capturedAt: '2026-11-01T00:00:00.000Z',
};

async function fixture() {
  globalThis.indexedDB = new IDBFactory();
  const name = `test-${Math.random()}`;
  const store = new IdbReportStore(name);
  const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1, 2, 3, 255]);
  const json = new TextEncoder().encode('{"a":1}');
  const metas: ArtifactMeta[] = [
    { id: 'a-shot', kind: 'screenshot', mime: 'image/png', size: png.length, sha256: await sha256Hex(png), itemIndex: 0, createdAt: post.capturedAt, excluded: false },
    { id: 'a-json', kind: 'post-json', mime: 'application/json', size: json.length, sha256: await sha256Hex(json), itemIndex: 0, createdAt: post.capturedAt, excluded: false },
  ];
  const report: Report = { ...newDraft([post], metas), categoryId: 'illegal-11-fraud', description: '冒充理财导师\n多行' };
  const key = await getSigningKey(store);
  report.signed = await signReportObject(report, key, 'UA');
  await store.create(report, [
    { id: 'a-shot', reportId: report.id, blob: new Blob([png], { type: 'image/png' }) },
    { id: 'a-json', reportId: report.id, blob: new Blob([json], { type: 'application/json' }) },
  ]);
  const db = await openReportDb(name);
  await recordEvent(db, report.id, 'captured');
  await recordEvent(db, report.id, 'submitted', { submissionId: 's1', destinationId: 'weibo' });
  await recordEvent(db, report.id, 'feedback', { submissionId: 's1', destinationId: 'weibo', outcome: 'removed', note: '<b>已删除</b>' });
  return { store, db, key, report: (await store.get(report.id))!, png, json };
}

async function pack() {
  const f = await fixture();
  const events = await readEvents(f.db, f.report.id);
  const summaryHtml = renderSummaryHtml({ reports: [{ report: f.report, events, paths: new Map() }], t, locale: 'zh_CN', createdAt: '2026-11-22T00:00:00Z', keyId: f.key.keyId, timeZone: 'Asia/Shanghai' });
  const bytes = await buildEvidencePack({
    reports: [{ report: f.report, events, artifactBytes: new Map([['a-shot', f.png], ['a-json', f.json]]) }],
    summaryHtml,
    locale: 'zh_CN',
    signer: { publicJwk: f.key.publicJwk, keyId: f.key.keyId, sign: (j) => signManifestJson(j, f.key) },
  });
  return { ...f, bytes, summaryHtml };
}

function tamper(bytes: Uint8Array, path: string, change: (b: Uint8Array) => Uint8Array): Uint8Array {
  const files = unzip(bytes);
  files[path] = change(files[path]!);
  return zip(files);
}

describe('evidence pack', () => {
  it('verifies a fresh pack: pack signature, every hash, the report signature and the history', async () => {
    const { bytes } = await pack();
    const verdict = await verifyPack(bytes);
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.artifactCount).toBe(2);
    expect(describePackVerdict(verdict, t)[0]).toContain('一致');
    const files = unzip(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'manifest.sig', 'public-key.jwk.json', 'summary.html']));
  });

  it('names the artifact when one byte of it changed', async () => {
    const { bytes } = await pack();
    const path = Object.keys(unzip(bytes)).find((p) => p.endsWith('-screenshot.png'))!;
    const bad = tamper(bytes, path, (b) => {
      const c = b.slice();
      c[c.length - 1] = c[c.length - 1]! ^ 1;
      return c;
    });
    const verdict = await verifyPack(bad);
    expect(verdict.ok).toBe(false);
    expect(verdict.findings).toEqual([{ kind: 'artifact-changed', reportId: expect.any(String), path }]);
    expect(describePackVerdict(verdict, t).join('\n')).toContain(path);
  });

  it('catches an edited history entry, an edited summary and a forged manifest', async () => {
    const { bytes } = await pack();
    const eventsPath = Object.keys(unzip(bytes)).find((p) => p.endsWith('events.json'))!;
    const edited = tamper(bytes, eventsPath, (b) => new TextEncoder().encode(new TextDecoder().decode(b).replace('removed', 'rejected')));
    const v1 = await verifyPack(edited);
    expect(v1.findings).toContainEqual({ kind: 'history-edited', reportId: expect.any(String), seqs: [2] });
    expect(v1.findings).toContainEqual({ kind: 'file-changed', path: eventsPath });

    const v2 = await verifyPack(tamper(bytes, 'summary.html', (b) => new TextEncoder().encode(new TextDecoder().decode(b) + ' ')));
    expect(v2.findings).toEqual([{ kind: 'file-changed', path: 'summary.html' }]);

    // Re-listing the changed file's hash in manifest.json breaks the pack signature instead.
    const files = unzip(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.files = manifest.files.filter((f: { path: string }) => f.path !== 'summary.html');
    files['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    const v3 = await verifyPack(zip(files));
    expect(v3.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['pack-signature-invalid', 'file-unlisted']));

    // A pack re-signed by someone else's key passes alone, but not against the trusted key.
    const other = await generateSigningKey();
    const v4 = await verifyPack(bytes, { trustedPublicKey: other.publicJwk });
    expect(v4.findings).toContainEqual({ kind: 'pack-signature-invalid' });
    expect((await verifyPack(new Uint8Array([1, 2, 3]))).findings[0]!.kind).toBe('not-a-pack');
  });

  it('writes a printable summary with captured text escaped', async () => {
    const { summaryHtml } = await pack();
    expect(summaryHtml).toContain('&lt;b&gt;已删除&lt;/b&gt;');
    expect(summaryHtml).not.toContain('<b>已删除');
    expect(summaryHtml).toContain('日赚三千');
    expect(summaryHtml).not.toMatch(/<script/i);
  });
});

describe('summary in English', () => {
  it('uses the English names of stages, events and artifacts', async () => {
    const en = createTranslator((await import('../../../public/_locales/en/messages.json')).default as never, zh as never);
    const f = await fixture();
    const events = await readEvents(f.db, f.report.id);
    const html = renderSummaryHtml({ reports: [{ report: f.report, events, paths: new Map() }], t: en, locale: 'en', createdAt: '2026-11-22T00:00:00Z', keyId: null });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Evidence pack');
    expect(html).toContain('Evidence captured');
    expect(html).toContain('Handled');
    expect(html).not.toContain('采集证据');
  });
});

describe('CSV', () => {
  it('starts with a BOM, quotes, and defuses formulas', async () => {
    const { report } = await fixture();
    const csv = reportsToCsv([report], t);
    expect(csv.startsWith(BOM)).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('id');
    const row = rows[1]!;
    expect(row[0]).toBe(report.id);
    expect(row[7]).toBe(`'${post.text}`);
    expect(row[9]).toBe('冒充理财导师\n多行');
    expect(row[3]).toBe(t('outcome_removed'));
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('a"b')).toBe('"a""b"');
  });
});

describe('backup', () => {
  it('round-trips every store and every byte into a fresh database, keeping the new installation’s key', async () => {
    const f = await fixture();
    const backup = await createBackup(f.db);
    const { file } = readBackup(backup);
    expect(file.skipped).toEqual([{ store: 'meta', key: SIGNING_KEY_META, reason: 'CryptoKey' }]);

    globalThis.indexedDB = new IDBFactory();
    const name = `fresh-${Math.random()}`;
    const freshStore = new IdbReportStore(name);
    const newKey = await getSigningKey(freshStore);
    const fresh = await openReportDb(name);
    const summary = await restoreBackup(fresh, backup);
    expect(summary.stores).toMatchObject({ reports: 1, artifacts: 2, events: 3 });

    expect(await freshStore.get(f.report.id)).toEqual(f.report);
    for (const [id, bytes] of [['a-shot', f.png], ['a-json', f.json]] as const) {
      const row = (await freshStore.getArtifact(id))!;
      expect(new Uint8Array(await row.blob.arrayBuffer())).toEqual(bytes);
      expect(row.blob.type).toBe(id === 'a-shot' ? 'image/png' : 'application/json');
    }
    expect(await readEvents(fresh, f.report.id)).toEqual(await readEvents(f.db, f.report.id));
    expect((await getSigningKey(freshStore)).keyId).toBe(newKey.keyId);
    expect(await freshStore.getMeta(RESTORED_KEYS_META)).toEqual([f.key.publicJwk]);
  });

  it('rejects a file that is not a backup and changes nothing', async () => {
    const f = await fixture();
    await expect(restoreBackup(f.db, zip({ 'x.txt': new Uint8Array([1]) }))).rejects.toThrow(/backup.json/);
    await expect(restoreBackup(f.db, new Uint8Array([1, 2]))).rejects.toThrow(/not a ZIP/);
    expect(await f.store.get(f.report.id)).toBeDefined();
  });

  it('deletes everything', async () => {
    const f = await fixture();
    await deleteEverything(f.db);
    expect(await f.store.list()).toEqual([]);
    expect(await readEvents(f.db, f.report.id)).toEqual([]);
  });
});

describe('npm run verify', () => {
  it('passes a good pack and names the changed artifact of a bad one, with exit codes', async () => {
    const { execFileSync, spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { bytes } = await pack();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ra-verify-'));
    const good = path.join(dir, 'good.zip');
    const bad = path.join(dir, 'bad.zip');
    writeFileSync(good, bytes);
    const shot = Object.keys(unzip(bytes)).find((p) => p.endsWith('-screenshot.png'))!;
    writeFileSync(bad, tamper(bytes, shot, (b) => b.map((x, i) => (i === 3 ? x ^ 0xff : x))));
    const tsx = path.resolve('node_modules/.bin/tsx');
    const out = execFileSync(tsx, ['scripts/verify.ts', good], { encoding: 'utf8' });
    expect(out).toMatch(/^OK/);
    const failed = spawnSync(tsx, ['scripts/verify.ts', '--en', bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain(`Evidence changed: ${shot}`);
  }, 30_000);
});

describe('describeEventData', () => {
  it('names destinations, submission states and outcomes in the person\'s language, never as ids', () => {
    expect(describeEventData({ data: { destinationId: '12377', state: 'awaiting-person' } }, t)).toBe('中央网信办违法和不良信息举报中心（12377） · 等你操作');
    const line = describeEventData({ data: { destinationId: 'weibo', state: 'failed-retryable', outcome: 'no-violation' } }, t);
    expect(line).not.toMatch(/failed-retryable|no-violation|weibo\b/);
  });
});
