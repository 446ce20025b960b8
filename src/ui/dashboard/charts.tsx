// Counts as plain SVG: reports by status, and outcomes by month. Each chart has a table of the same
// numbers for screen readers.
import type { Translate } from '../../i18n/i18n';
import { OUTCOMES, STAGES, type Outcome, type Stage } from '../../lifecycle/lifecycle';
import { outcomeKey, stageKey } from '../../lifecycle/labels';

const OUTCOME_COLORS: Record<Outcome, string> = {
  removed: '#2e7d32',
  restricted: '#7cb342',
  'no-violation': '#9e9e9e',
  rejected: '#c62828',
  'no-answer': '#f9a825',
};

export function StatusChart({ counts, t }: { counts: Map<Stage, number>; t: Translate }) {
  const stages = STAGES.filter((s) => (counts.get(s) ?? 0) > 0);
  const max = Math.max(1, ...stages.map((s) => counts.get(s) ?? 0));
  const rowH = 22;
  const labelW = 110;
  const width = 420;
  return (
    <figure class="chart" data-testid="chart-status">
      <figcaption>{t('dash_chartStatus')}</figcaption>
      <svg width={width} height={Math.max(rowH, stages.length * rowH)} role="img" aria-label={t('dash_chartStatus')}>
        {stages.map((s, i) => {
          const n = counts.get(s) ?? 0;
          const w = Math.max(2, ((width - labelW - 50) * n) / max);
          return (
            <g key={s} transform={`translate(0 ${i * rowH})`}>
              <text x={labelW - 6} y={15} text-anchor="end" class="chart-label">{t(stageKey(s))}</text>
              <rect x={labelW} y={4} width={w} height={14} rx={3} class={`bar stage-${s}`} />
              <text x={labelW + w + 6} y={15} class="chart-label">{n}</text>
            </g>
          );
        })}
      </svg>
      <table class="visually-hidden">
        <tbody>
          {stages.map((s) => (
            <tr key={s}><th>{t(stageKey(s))}</th><td>{counts.get(s) ?? 0}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function OutcomeChart({ months, t }: { months: Array<{ month: string; counts: Partial<Record<Outcome, number>> }>; t: Translate }) {
  if (months.length === 0) {
    return (
      <figure class="chart" data-testid="chart-outcome">
        <figcaption>{t('dash_chartOutcome')}</figcaption>
        <p class="muted">{t('dash_chartEmpty')}</p>
      </figure>
    );
  }
  const height = 140;
  const barW = 26;
  const gap = 10;
  const totals = months.map((m) => OUTCOMES.reduce((sum, o) => sum + (m.counts[o] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const width = months.length * (barW + gap) + 40;
  return (
    <figure class="chart" data-testid="chart-outcome">
      <figcaption>{t('dash_chartOutcome')}</figcaption>
      <svg width={width} height={height + 36} role="img" aria-label={t('dash_chartOutcome')}>
        {months.map((m, i) => {
          let y = height;
          return (
            <g key={m.month} transform={`translate(${20 + i * (barW + gap)} 0)`}>
              {OUTCOMES.map((o) => {
                const n = m.counts[o] ?? 0;
                if (!n) return null;
                const h = (height * n) / max;
                y -= h;
                return (
                  <rect key={o} x={0} y={y} width={barW} height={h} fill={OUTCOME_COLORS[o]}>
                    <title>{`${m.month} ${t(outcomeKey(o))}: ${n}`}</title>
                  </rect>
                );
              })}
              <text x={barW / 2} y={height + 14} text-anchor="middle" class="chart-label">{m.month.slice(2)}</text>
              <text x={barW / 2} y={Math.max(12, y - 4)} text-anchor="middle" class="chart-label">{totals[i]}</text>
            </g>
          );
        })}
      </svg>
      <ul class="legend">
        {OUTCOMES.map((o) => (
          <li key={o}><span class="swatch" style={{ background: OUTCOME_COLORS[o] }} />{t(outcomeKey(o))}</li>
        ))}
      </ul>
      <table class="visually-hidden">
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th>{m.month}</th>
              <td>{OUTCOMES.filter((o) => m.counts[o]).map((o) => `${t(outcomeKey(o))} ${m.counts[o]}`).join('，')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
