// Choosing child sexual abuse content removes every screenshot and media file from the report. The purge
// itself belongs to the evidence code (src/evidence/purge.ts); the form only calls it, loading it when
// needed so the popup does not carry the signing code until then.
import type { Report } from '../../model/report';
import type { ReportStore } from '../../storage/report-store';

export async function purgeForCsam(store: ReportStore, reportId: string): Promise<{ report: Report; removed: number }> {
  const { purgeVisualEvidence } = await import('../../evidence/purge');
  return purgeVisualEvidence(store, reportId);
}
