/// <reference types="vite/client" />
// Choosing child sexual abuse content removes every screenshot and media file from the report. The purge
// itself belongs to the evidence code (src/evidence/purge.ts); the form only calls it. It is loaded when
// needed (and looked up by glob so the form builds even where that module is absent — then the form
// says it could not remove the pictures instead of pretending it did).
import type { Report } from '../../model/report';
import type { ReportStore } from '../../storage/report-store';

type PurgeModule = { purgeVisualEvidence: (store: ReportStore, reportId: string, userAgent?: string) => Promise<{ report: Report; removed: number }> };
const modules = import.meta.glob<PurgeModule>('../../evidence/purge.ts');

export async function purgeForCsam(store: ReportStore, reportId: string): Promise<{ report: Report; removed: number }> {
  const load = Object.values(modules)[0];
  if (!load) throw new Error('purge unavailable');
  const { purgeVisualEvidence } = await load();
  return purgeVisualEvidence(store, reportId);
}
