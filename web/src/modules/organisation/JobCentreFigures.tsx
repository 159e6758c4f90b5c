import type { MessageKey } from '../../i18n/index.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { JobCentreFigures as Figures } from './siteEditing.ts';

const ITEMS: { key: keyof Figures; label: MessageKey }[] = [
  { key: 'people', label: 'jc.figurePeople' },
  { key: 'employers', label: 'jc.figureEmployers' },
  { key: 'sites', label: 'jc.figureSites' },
  { key: 'staff', label: 'jc.figureStaff' },
  { key: 'municipalities', label: 'jc.figureMunicipalities' },
];

// Geometry in SVG user units; the drawing scales down on narrow screens (label above each bar keeps it readable).
const WIDTH = 400;
const ROW = 56;
const LABEL_BASELINE = 18;
const BAR_TOP = 26;
const BAR_HEIGHT = 20;
const VALUE_ROOM = 64;
const BAR_MAX = WIDTH - VALUE_ROOM;
/** bootstrap-italia primary: 5.6:1 on white, well above the 3:1 needed by graphics (WCAG 1.4.11). */
const BAR_COLOUR = '#0066cc';
const TEXT_COLOUR = '#1a1a1a';

/**
 * The job centre's figures as a horizontal bar chart drawn inline (no chart library): one bar per figure,
 * its value written at the end of the bar. Screen readers get the same numbers from the image's name.
 */
export function JobCentreFigures({ figures, centreName }: { figures: Figures; centreName: string }) {
  const { t, formatNumber } = useI18n();
  const max = Math.max(1, ...ITEMS.map((i) => figures[i.key]));
  const height = ITEMS.length * ROW + 4;
  const list = ITEMS.map((i) => `${t(i.label)} ${formatNumber(figures[i.key])}`).join('; ');

  return (
    <figure className="mb-0" data-testid="job-centre-figures">
      <svg
        role="img"
        aria-label={t('jc.figuresChart', { name: centreName, list })}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        style={{ maxWidth: '100%', height: 'auto', display: 'block' }}
        focusable="false"
        data-testid="job-centre-figures-chart"
        fontFamily="'Titillium Web', Geneva, Tahoma, sans-serif"
      >
        {ITEMS.map((item, i) => {
          const value = figures[item.key];
          const top = i * ROW;
          const w = value === 0 ? 0 : Math.max(3, Math.round((value / max) * BAR_MAX));
          return (
            <g key={item.key} data-figure={item.key} data-value={value}>
              <text x={0} y={top + LABEL_BASELINE} fontSize={15} fontWeight={600} fill={TEXT_COLOUR}>
                {t(item.label)}
              </text>
              <rect x={1} y={top + BAR_TOP} width={w} height={BAR_HEIGHT} fill={BAR_COLOUR} rx={2} />
              <text x={w + 8} y={top + BAR_TOP + BAR_HEIGHT - 5} fontSize={15} fill={TEXT_COLOUR}>
                {formatNumber(value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="small ponte-muted mt-2">{t('jc.figuresCaption')}</figcaption>
    </figure>
  );
}
