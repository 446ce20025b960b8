// Small drawings of the four ways to report, for the welcome page: a post with its report button, the
// right-click menu, the toolbar button, the keyboard. Drawn in SVG with the page's colours (light and dark),
// the words in them from the interface language.
import type { Translate } from '../../src/i18n/i18n';

const frame = { viewBox: '0 0 200 110', role: 'img' } as const;
const line = (y: number, w: number) => <rect x="34" y={y} width={w} height="5" rx="2.5" fill="var(--border)" />;

export function ButtonPicture({ t }: { t: Translate }) {
  return (
    <svg {...frame} aria-label={t('welcome_wayButton')}>
      <rect x="10" y="12" width="180" height="86" rx="8" fill="var(--card)" stroke="var(--border)" />
      <circle cx="24" cy="28" r="8" fill="var(--muted)" opacity="0.5" />
      {line(22, 60)}
      {line(44, 140)}
      {line(56, 120)}
      {line(68, 90)}
      <rect x="132" y="74" width="50" height="18" rx="9" fill="var(--accent)" />
      <text x="157" y="87" font-size="10" text-anchor="middle" fill="var(--accent-fg)" font-weight="700">
        {t('reportButton')}
      </text>
    </svg>
  );
}

export function MenuPicture({ t }: { t: Translate }) {
  return (
    <svg {...frame} aria-label={t('welcome_wayMenu')}>
      <rect x="10" y="12" width="180" height="86" rx="8" fill="var(--card)" stroke="var(--border)" />
      {line(22, 120)}
      {line(34, 90)}
      <rect x="60" y="38" width="126" height="56" rx="4" fill="var(--bg)" stroke="var(--border)" />
      <rect x="62" y="42" width="122" height="16" rx="2" fill="var(--accent)" opacity="0.15" />
      <text x="68" y="54" font-size="10" fill="var(--fg)" font-weight="700">
        {t('menu_reportPage')}
      </text>
      <rect x="68" y="66" width="80" height="5" rx="2.5" fill="var(--border)" />
      <rect x="68" y="80" width="100" height="5" rx="2.5" fill="var(--border)" />
      <path d="M56 30 l0 16 l4 -4 l3 7 l3 -1 l-3 -7 l6 0 z" fill="var(--fg)" />
    </svg>
  );
}

export function ToolbarPicture({ t }: { t: Translate }) {
  return (
    <svg {...frame} aria-label={t('welcome_wayToolbar')}>
      <rect x="10" y="12" width="180" height="86" rx="8" fill="var(--card)" stroke="var(--border)" />
      <rect x="10" y="12" width="180" height="22" rx="8" fill="var(--bg)" stroke="var(--border)" />
      <rect x="20" y="19" width="110" height="8" rx="4" fill="var(--border)" />
      <rect x="150" y="16" width="15" height="15" rx="3" fill="var(--accent)" />
      <text x="157.5" y="27" font-size="9" text-anchor="middle" fill="var(--accent-fg)" font-weight="700">
        举
      </text>
      <rect x="100" y="38" width="84" height="54" rx="4" fill="var(--bg)" stroke="var(--border)" />
      <rect x="106" y="46" width="60" height="5" rx="2.5" fill="var(--border)" />
      <rect x="106" y="58" width="70" height="5" rx="2.5" fill="var(--border)" />
      <rect x="106" y="74" width="40" height="12" rx="3" fill="var(--accent)" />
    </svg>
  );
}

export function ShortcutPicture() {
  const key = (x: number, w: number, label: string) => (
    <g>
      <rect x={x} y="40" width={w} height="30" rx="5" fill="var(--bg)" stroke="var(--fg)" stroke-width="1.2" />
      <text x={x + w / 2} y="60" font-size="12" text-anchor="middle" fill="var(--fg)" font-family="ui-monospace, monospace">
        {label}
      </text>
    </g>
  );
  return (
    <svg {...frame} aria-hidden="true">
      <rect x="10" y="12" width="180" height="86" rx="8" fill="var(--card)" stroke="var(--border)" />
      {key(22, 44, 'Alt')}
      <text x="72" y="60" font-size="14" fill="var(--fg)">+</text>
      {key(84, 56, 'Shift')}
      <text x="146" y="60" font-size="14" fill="var(--fg)">+</text>
      {key(158, 26, 'U')}
    </svg>
  );
}
