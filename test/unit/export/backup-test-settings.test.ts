// Security (issue 24, item 19): the test setting that lets "fetch media" reach the replicas on 127.0.0.1
// (meta `testMediaPrivateHosts`) lives in the extension's IndexedDB. A backup is a file anyone can craft:
// restoring one never switches that setting on.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IdbReportStore, openReportDb } from '../../../src/storage/report-store';
import { NEVER_RESTORED_META, readBackup, restoreBackup, createBackup } from '../../../src/export/backup';
import { MEDIA_PRIVATE_HOSTS_META } from '../../../src/evidence/media';
import { readText, text, unzip, zip } from '../../../src/export/zip-files';

describe('restore and test settings', () => {
  it('never restores the media test setting from a backup file', async () => {
    expect(NEVER_RESTORED_META).toContain(MEDIA_PRIVATE_HOSTS_META);
    globalThis.indexedDB = new IDBFactory();
    const name = `b-${Math.random()}`;
    const store = new IdbReportStore(name);
    await store.setMeta('reporterProfile', { name: 'x' });
    const db = await openReportDb(name);
    const files = unzip(await createBackup(db));
    const file = JSON.parse(readText(files['backup.json']!));
    file.stores.meta.push({ key: MEDIA_PRIVATE_HOSTS_META, value: ['127.0.0.1', '192.168.0.1'] });
    const crafted = zip({ ...files, 'backup.json': text(JSON.stringify(file)) });
    expect(readBackup(crafted).file.stores.meta).toContainEqual({ key: MEDIA_PRIVATE_HOSTS_META, value: ['127.0.0.1', '192.168.0.1'] });

    await restoreBackup(db, crafted);
    expect(await store.getMeta(MEDIA_PRIVATE_HOSTS_META)).toBeUndefined();
    expect(await store.getMeta('reporterProfile')).toEqual({ name: 'x' });
  });
});
