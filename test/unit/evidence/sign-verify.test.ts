// Signing and verification of evidence manifests with WebCrypto in Node and an in-memory IndexedDB.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore } from '../../../src/storage/report-store';
import { newDraft, type ArtifactMeta, type Report } from '../../../src/model/report';
import type { CapturedPost } from '../../../src/model/captured-post';
import { sha256Hex } from '../../../src/evidence/hash';
import { generateSigningKey, getSigningKey, keyIdOf, SIGNING_KEY_META } from '../../../src/evidence/signing-key';
import { signReportObject, updateSigned } from '../../../src/evidence/sign-report';
import { describeVerification, verifyEvidence } from '../../../src/evidence/verify';
import { verifyStoredReport } from '../../../src/evidence/verify-stored';
import type { EvidenceManifest } from '../../../src/evidence/evidence-manifest';
import { createTranslator } from '../../../src/i18n/i18n';
import zh from '../../../public/_locales/zh_CN/messages.json';

const t = createTranslator(zh as never);

const post: CapturedPost = {
  platform: 'generic',
  kind: 'post',
  ids: { postId: '42' },
  permalink: 'https://example.com/p/42',
  pageUrl: 'https://example.com/',
  pageTitle: 'Example',
  text: '日赚三千',
  media: [],
  context: [],
  capturedAt: '2026-11-22T01:02:03.000Z',
};

function freshStore() {
  globalThis.indexedDB = new IDBFactory();
  return new IdbReportStore(`evidence-${Math.random()}`);
}

async function artifact(kind: ArtifactMeta['kind'], bytes: Uint8Array<ArrayBuffer>, itemIndex = 0): Promise<{ meta: ArtifactMeta; blob: Blob }> {
  const blob = new Blob([bytes], { type: kind.startsWith('screenshot') ? 'image/png' : 'application/json' });
  return {
    blob,
    meta: { id: crypto.randomUUID(), kind, mime: blob.type, size: blob.size, sha256: await sha256Hex(bytes), itemIndex, createdAt: post.capturedAt, excluded: false },
  };
}

async function signedReport(store: IdbReportStore): Promise<{ report: Report; shot: ArtifactMeta }> {
  const json = await artifact('post-json', new TextEncoder().encode('{"a":1}'));
  const shot = await artifact('screenshot', new Uint8Array([137, 80, 78, 71, 1, 2, 3, 4]));
  const report = newDraft([post], [json.meta, shot.meta]);
  report.signed = await signReportObject(report, await getSigningKey(store), 'TestAgent/1.0');
  await store.create(report, [
    { id: json.meta.id, reportId: report.id, blob: json.blob },
    { id: shot.meta.id, reportId: report.id, blob: shot.blob },
  ]);
  return { report, shot: shot.meta };
}

describe('signing key', () => {
  it('is generated once, non-extractable, and kept across store instances', async () => {
    const store = freshStore();
    const first = await getSigningKey(store);
    expect(first.keyPair.privateKey.extractable).toBe(false);
    expect(first.keyPair.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    await expect(crypto.subtle.exportKey('jwk', first.keyPair.privateKey)).rejects.toThrow();
    expect(first.publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) });
    expect(first.keyId).toBe(await keyIdOf(first.publicJwk));
    expect(first.keyId).toMatch(/^[0-9a-f]{64}$/);
    const again = await getSigningKey(store);
    expect(again.keyId).toBe(first.keyId);
  });

  it('replaces a damaged key row instead of failing every capture', async () => {
    const store = freshStore();
    await store.setMeta(SIGNING_KEY_META, { keyPair: { privateKey: {}, publicKey: {} }, publicJwk: {}, keyId: 'x' });
    const key = await getSigningKey(store);
    expect(key.keyPair.privateKey.type).toBe('private');
    expect((await getSigningKey(store)).keyId).toBe(key.keyId);
  });

  it('keeps the first key when two contexts create one at the same time', async () => {
    const store = freshStore();
    const [a, b] = await Promise.all([getSigningKey(store), getSigningKey(store)]);
    expect(a.keyId).toBe(b.keyId);
    expect((await store.getMeta<{ keyId: string }>(SIGNING_KEY_META))?.keyId).toBe(a.keyId);
  });
});

describe('evidence manifest and verification', () => {
  it('signs a canonical manifest with the report, its items and each artifact', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const manifest = JSON.parse(report.signed!.manifest) as EvidenceManifest;
    expect(manifest).toMatchObject({
      format: 'report-assistant-evidence/1',
      reportId: report.id,
      capturedAt: post.capturedAt,
      userAgent: 'TestAgent/1.0',
      items: [{ index: 0, platform: 'generic', kind: 'post', ids: { postId: '42' }, permalink: post.permalink, pageUrl: post.pageUrl }],
    });
    expect(manifest.signedAt).toMatch(/Z$/);
    expect(manifest.artifacts.map((a) => [a.id, a.kind, a.sha256, a.size])).toEqual(report.evidence.map((e) => [e.id, e.kind, e.sha256, e.size]));
    expect(manifest.keyId).toBe(report.signed!.keyId);
    // Canonical: keys sorted at every depth, so re-serialising gives the same bytes.
    expect(report.signed!.manifest.indexOf('"artifacts"')).toBeLessThan(report.signed!.manifest.indexOf('"reportId"'));
  });

  it('verifies an untouched report', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const result = await verifyStoredReport(store, (await store.get(report.id))!);
    expect(result.ok).toBe(true);
    expect(result.signature).toBe('valid');
    expect(result.trustedKey).toBe(true);
    expect(result.artifacts.map((a) => a.status)).toEqual(['ok', 'ok']);
    expect(describeVerification(result, t, 1)).toEqual(['签名有效，全部 2 项证据与采集时一致。']);
  });

  it('names the artifact whose bytes changed by one byte', async () => {
    const store = freshStore();
    const { report, shot } = await signedReport(store);
    const stored = await store.getArtifact(shot.id);
    const bytes = new Uint8Array(await stored!.blob.arrayBuffer());
    bytes[5] = bytes[5]! ^ 1;
    await store.updateWithArtifacts(report.id, (r) => r, { put: [{ id: shot.id, reportId: report.id, blob: new Blob([bytes]) }] });
    const result = await verifyStoredReport(store, (await store.get(report.id))!);
    expect(result.ok).toBe(false);
    expect(result.signature).toBe('valid');
    expect(result.artifacts.find((a) => a.id === shot.id)?.status).toBe('changed');
    expect(describeVerification(result, t, 1)).toEqual(['校验未通过：', '帖子截图 与采集时不一致']);
  });

  it('says the signature is invalid when the manifest was edited to match tampered bytes', async () => {
    const store = freshStore();
    const { report, shot } = await signedReport(store);
    const forged = new Uint8Array([9, 9, 9]);
    const manifest = JSON.parse(report.signed!.manifest) as EvidenceManifest;
    const entry = manifest.artifacts.find((a) => a.id === shot.id)!;
    entry.sha256 = await sha256Hex(forged);
    entry.size = 3;
    const result = await verifyEvidence({
      manifestJson: JSON.stringify(manifest),
      signature: report.signed!.signature,
      bytes: async (id) => (id === shot.id ? forged : (await store.getArtifact(id))?.blob),
    });
    expect(result.signature).toBe('invalid');
    expect(result.artifacts.every((a) => a.status === 'ok')).toBe(true);
    expect(describeVerification(result, t, 1)).toContain('签名无效：证据清单在签名后被改动过，或不是本扩展签署的。');
  });

  it('rejects a signature made by another key, and garbage signatures, without throwing', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const other = await generateSigningKey();
    const bytes = async (id: string) => (await store.getArtifact(id))?.blob;
    const foreign = await verifyEvidence({ manifestJson: report.signed!.manifest, signature: report.signed!.signature, trustedPublicKey: other.publicJwk, bytes });
    expect(foreign.signature).toBe('valid');
    expect(foreign.trustedKey).toBe(false);
    expect(foreign.ok).toBe(false);
    expect(describeVerification(foreign, t, 1)).toContain('签名所用的密钥不是本机扩展当前的密钥：可能来自另一台电脑或重置前的扩展，也可能是他人重新签署的。');
    // A manifest re-signed by someone else with their own key: a valid signature, but not ours.
    const manifest = JSON.parse(report.signed!.manifest) as EvidenceManifest;
    manifest.publicKey = other.publicJwk;
    manifest.keyId = other.keyId;
    const forgedJson = JSON.stringify(manifest);
    const forgedSig = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, other.keyPair.privateKey, new TextEncoder().encode(forgedJson)))));
    const mine = (await getSigningKey(store)).publicJwk;
    const forged = await verifyEvidence({ manifestJson: forgedJson, signature: forgedSig, trustedPublicKey: mine, bytes });
    expect(forged).toMatchObject({ signature: 'valid', keyIdConsistent: true, trustedKey: false, ok: false });
    // And a manifest naming our key but signed by another is simply invalid.
    const wrongSigner = await verifyEvidence({ manifestJson: report.signed!.manifest, signature: forgedSig, trustedPublicKey: mine, bytes });
    expect(wrongSigner.signature).toBe('invalid');
    for (const signature of ['', 'not base64 !!', btoa('short')]) {
      expect((await verifyEvidence({ manifestJson: report.signed!.manifest, signature, bytes })).signature).toBe('invalid');
    }
    const broken = await verifyEvidence({ manifestJson: '{not json', signature: report.signed!.signature, bytes });
    expect(broken.ok).toBe(false);
    expect(broken.signature).toBe('invalid');
  });

  it('trusts this person\'s earlier key restored from a backup, and only that', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const old = await getSigningKey(store);
    // A restore into a fresh installation: a new key of its own, the old public key kept as restored.
    await store.setMeta(SIGNING_KEY_META, await generateSigningKey());
    expect((await verifyStoredReport(store, report)).trustedKey).toBe(false);
    await store.setMeta('restored-public-keys', [{ kty: 'EC', crv: 'P-256', x: 'bogus', y: 'bogus' }, old.publicJwk]);
    const result = await verifyStoredReport(store, report);
    expect(result).toMatchObject({ signature: 'valid', trustedKey: true, ok: true });
    await store.setMeta('restored-public-keys', ['garbage', null]);
    expect((await verifyStoredReport(store, report)).trustedKey).toBe(false);
  });

  it('reports a missing artifact and one the manifest does not cover', async () => {
    const store = freshStore();
    const { report, shot } = await signedReport(store);
    const extra = await artifact('media', new Uint8Array([1]));
    await store.updateWithArtifacts(report.id, (r) => ({ ...r, evidence: [...r.evidence, extra.meta] }), {
      put: [{ id: extra.meta.id, reportId: report.id, blob: extra.blob }],
      remove: [shot.id],
    });
    const result = await verifyStoredReport(store, (await store.get(report.id))!);
    expect(result.artifacts.find((a) => a.id === shot.id)?.status).toBe('missing');
    expect(result.unsigned).toEqual([extra.meta.id]);
    const lines = describeVerification(result, t, 1);
    expect(lines).toContain('帖子截图 已缺失');
    expect(lines.some((l) => l.includes('不在签名清单内'))).toBe(true);
  });

  it('stores a change with its new signature in one write, so the new artifact is covered', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const extra = await artifact('media', new Uint8Array([1, 2]));
    const writes: Report[] = [];
    const watched = Object.assign(Object.create(store) as IdbReportStore, {
      updateWithArtifacts: (...args: Parameters<IdbReportStore['updateWithArtifacts']>) =>
        store.updateWithArtifacts(...args).then((written) => (writes.push(written), written)),
    });
    const resigned = await updateSigned(watched, report.id, (r) => ({ ...r, evidence: [...r.evidence, extra.meta] }), {
      put: [{ id: extra.meta.id, reportId: report.id, blob: extra.blob }],
    }, 'TestAgent/1.0');
    // One write, carrying both the artifact and the signature that covers it: nothing stored in between.
    expect(writes).toHaveLength(1);
    expect(resigned.signed!.manifest).not.toBe(report.signed!.manifest);
    expect(JSON.parse(resigned.signed!.manifest).artifacts.map((a: { id: string }) => a.id)).toContain(extra.meta.id);
    const result = await verifyStoredReport(store, (await store.get(report.id))!);
    expect(result.ok).toBe(true);
    expect(result.artifacts).toHaveLength(3);
  });

  it('signs again when another change lands between signing and writing, and writes nothing stale', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const first = await artifact('media', new Uint8Array([1]));
    const second = await artifact('media', new Uint8Array([2]));
    let attempts = 0;
    const racing = Object.assign(Object.create(store) as IdbReportStore, {
      updateWithArtifacts: async (...args: Parameters<IdbReportStore['updateWithArtifacts']>) => {
        // The first time, another capture lands just before this write.
        if (attempts++ === 0) {
          await store.updateWithArtifacts(report.id, (r) => ({ ...r, evidence: [...r.evidence, second.meta] }), {
            put: [{ id: second.meta.id, reportId: report.id, blob: second.blob }],
          });
        }
        return store.updateWithArtifacts(...args);
      },
    });
    const signed = await updateSigned(racing, report.id, (r) => ({ ...r, evidence: [...r.evidence, first.meta] }), {
      put: [{ id: first.meta.id, reportId: report.id, blob: first.blob }],
    }, 'TestAgent/1.0');
    expect(attempts).toBe(2);
    expect(signed.evidence.map((e) => e.id).slice(-2)).toEqual([second.meta.id, first.meta.id]);
    const result = await verifyStoredReport(store, (await store.get(report.id))!);
    expect(result.ok).toBe(true);
    expect(result.unsigned).toEqual([]);
  });

  it('writes nothing when the change refuses', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const extra = await artifact('media', new Uint8Array([3]));
    let calls = 0;
    const refusal = new Error('no');
    await expect(
      updateSigned(store, report.id, (r) => {
        // Planned, then refused inside the write: neither the bytes nor the report may change.
        if (calls++ > 0) throw refusal;
        return { ...r, evidence: [...r.evidence, extra.meta] };
      }, { put: [{ id: extra.meta.id, reportId: report.id, blob: extra.blob }] }, 'TestAgent/1.0'),
    ).rejects.toBe(refusal);
    expect(await store.getArtifact(extra.meta.id)).toBeUndefined();
    expect((await store.get(report.id))!.updatedAt).toBe(report.updatedAt);
  });

  it('labels artifacts with their item when a report gathers several posts', async () => {
    const store = freshStore();
    const { report } = await signedReport(store);
    const result = await verifyStoredReport(store, report);
    result.artifacts[1]!.status = 'changed';
    result.artifacts[1]!.itemIndex = 1;
    expect(describeVerification({ ...result, ok: false }, t, 2)).toContain('帖子截图（第 2 条） 与采集时不一致');
  });

  it('checks the recorded hashes of a report from before signing and says it is unsigned', async () => {
    const store = freshStore();
    const json = await artifact('post-json', new Uint8Array([1, 2, 3]));
    const report = newDraft([post], [json.meta]);
    await store.create(report, [{ id: json.meta.id, reportId: report.id, blob: json.blob }]);
    const result = await verifyStoredReport(store, report);
    expect(result.signature).toBe('absent');
    expect(result.artifacts[0]!.status).toBe('ok');
    expect(result.ok).toBe(false);
    expect(describeVerification(result, t, 1)[1]).toContain('没有签名');
  });
});
