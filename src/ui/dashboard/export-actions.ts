// The dashboard's exports, loaded only when used so the dashboard's first render stays light.
import type { Report } from '../../model/report';
import type { Locale } from '../../i18n/i18n';
import type { DashboardEnv } from './env';
import { download, stamp } from './env';

export async function buildPackFor(env: DashboardEnv, reports: readonly Report[], locale: Locale): Promise<Uint8Array> {
  const [{ buildEvidencePack, artifactPath }, { renderSummaryHtml }, { readEvents }, { getSigningKey }, { signManifestJson }] = await Promise.all([
    import('../../export/evidence-pack'),
    import('../../export/summary-html'),
    import('../../lifecycle/event-log'),
    import('../../evidence/signing-key'),
    import('../../evidence/sign-report'),
  ]);
  const db = await env.db();
  const key = await getSigningKey(env.store);
  const inputs = [];
  for (const report of reports) {
    const events = await readEvents(db, report.id);
    const artifactBytes = new Map<string, Uint8Array>();
    for (const meta of report.evidence) {
      const record = await env.store.getArtifact(meta.id);
      if (record && record.reportId === report.id) artifactBytes.set(meta.id, new Uint8Array(await record.blob.arrayBuffer()));
    }
    inputs.push({ report, events, artifactBytes });
  }
  const t = locale === env.locale ? env.t : await env.translatorFor(locale);
  const now = new Date();
  // The summary names each artifact's file: the same names the pack gives them.
  const summaryHtml = renderSummaryHtml({
    reports: inputs.map(({ report, events }, n) => ({
      report,
      events,
      paths: new Map(report.evidence.map((meta, i) => [meta.id, artifactPath(n, report, i, meta)])),
    })),
    t,
    locale,
    createdAt: now.toISOString(),
    keyId: key.keyId,
  });
  return buildEvidencePack({
    reports: inputs,
    summaryHtml,
    locale,
    now,
    signer: { publicJwk: key.publicJwk, keyId: key.keyId, sign: (json) => signManifestJson(json, key) },
  });
}

export async function exportPack(env: DashboardEnv, reports: readonly Report[], locale: Locale): Promise<string> {
  const bytes = await buildPackFor(env, reports, locale);
  const name = `evidence-pack-${stamp()}.zip`;
  download(name, bytes, 'application/zip');
  return name;
}

export async function exportCsv(env: DashboardEnv, reports: readonly Report[]): Promise<string> {
  const { reportsToCsv } = await import('../../export/csv');
  const name = `reports-${stamp()}.csv`;
  download(name, reportsToCsv(reports, env.t), 'text/csv;charset=utf-8');
  return name;
}

export async function verifyPackBytes(env: DashboardEnv, bytes: Uint8Array): Promise<{ ok: boolean; lines: string[] }> {
  const { verifyPack, describePackVerdict } = await import('../../export/verify-pack');
  const verdict = await verifyPack(bytes);
  return { ok: verdict.ok, lines: describePackVerdict(verdict, env.t) };
}

export async function backupAll(env: DashboardEnv): Promise<string> {
  const { createBackup } = await import('../../export/backup');
  const bytes = await createBackup(await env.db());
  const name = `report-assistant-backup-${stamp()}.zip`;
  download(name, bytes, 'application/zip');
  return name;
}

export async function restoreAll(env: DashboardEnv, bytes: Uint8Array) {
  const { restoreBackup } = await import('../../export/backup');
  return restoreBackup(await env.db(), bytes);
}

export async function deleteAll(env: DashboardEnv): Promise<void> {
  const { deleteEverything } = await import('../../export/backup');
  await deleteEverything(await env.db());
}
