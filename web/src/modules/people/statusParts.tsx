import { useI18n } from '../../i18n/index.tsx';
import { daysBetween } from './helpers.ts';
import { EMPLOYMENT_STATES, type StatusPeriod } from './types.ts';

/** The state's name in the current language (unknown states shown as sent). */
export function useStateLabel(): (state: string) => string {
  const { tx } = useI18n();
  return (state) => tx(`status.state.${state}`, state);
}

const KNOWN_STATES = new Set<string>(EMPLOYMENT_STATES);
const stateClass = (state: string) => (KNOWN_STATES.has(state) ? state : 'pending');

/** The state as a coloured chip with its name (colour is never the only cue). */
export function StateBadge({ state, large = false }: { state: string; large?: boolean }) {
  const label = useStateLabel();
  return (
    <span className={`ponte-state ponte-state-${stateClass(state)} ${large ? 'ponte-state-large' : ''}`} data-state={state}>
      {label(state)}
    </span>
  );
}

/** A small mark for legal sources that are only partly verified (P) or unverified (U). */
export function ConfidenceBadge({ confidence }: { confidence: string }) {
  const { t } = useI18n();
  if (confidence !== 'P' && confidence !== 'U') return null;
  const text = confidence === 'P' ? t('status.confidenceP') : t('status.confidenceU');
  return (
    <span className={`ponte-confidence ponte-confidence-${confidence}`} title={t('status.confidenceHint')} data-testid="confidence-badge">
      {text}
    </span>
  );
}

/** "dal 01/02/2026 al 03/04/2026", or "dal 01/02/2026, in corso". */
export function usePeriodText(): (from: string, to: string | null) => string {
  const { t, formatDate } = useI18n();
  return (from, to) => (to ? t('status.periodRange', { from: formatDate(from), to: formatDate(to) }) : t('status.periodOpen', { from: formatDate(from) }));
}

interface BarProps {
  periods: StatusPeriod[];
  /** The date being looked at (marked on the bar). */
  viewDate: string;
  today: string;
}

/**
 * The periods as a horizontal bar, each segment as long as the period and coloured by state. For assistive
 * technology it is an image whose name lists the periods; the table below has the same data with the reasons.
 */
export function StatusBar({ periods, viewDate, today }: BarProps) {
  const { t, formatDate } = useI18n();
  const label = useStateLabel();
  const periodText = usePeriodText();
  if (periods.length === 0) return null;
  const first = periods[0]?.from ?? today;
  const lastFrom = periods[periods.length - 1]?.from ?? today;
  const end = [today, viewDate, lastFrom].reduce((a, b) => (a > b ? a : b));
  const total = Math.max(1, daysBetween(first, end));
  const segments = periods
    .filter((p) => p.from <= end)
    .map((p) => {
      const to = p.to && p.to < end ? p.to : end;
      return { p, width: (Math.max(1, daysBetween(p.from, to)) / total) * 100 };
    });
  const markerAt = viewDate !== today && viewDate >= first && viewDate <= end ? ((daysBetween(first, viewDate) - 0.5) / total) * 100 : null;
  const states = [...new Set(periods.map((p) => p.state))];
  const summary = t('status.barLabel', {
    from: formatDate(first),
    to: formatDate(end),
    list: periods.map((p) => `${label(p.state)} ${periodText(p.from, p.to)}`).join('; '),
  });

  return (
    <div className="ponte-status-bar-wrap mb-3">
      <div className="ponte-status-bar" role="img" aria-label={summary} data-testid="status-bar">
        {segments.map(({ p, width }) => (
          <span
            key={`${p.from}-${p.state}`}
            className={`ponte-status-seg ponte-bg-${stateClass(p.state)}`}
            style={{ width: `${width}%` }}
            title={`${label(p.state)}: ${periodText(p.from, p.to)}`}
          />
        ))}
        {markerAt !== null && <span className="ponte-status-marker" style={{ left: `${markerAt}%` }} />}
      </div>
      <div className="d-flex justify-content-between small ponte-muted mt-1" aria-hidden="true">
        <span>{formatDate(first)}</span>
        <span>{end === today ? t('status.barToday', { date: formatDate(end) }) : formatDate(end)}</span>
      </div>
      <ul className="list-inline ponte-status-legend small mt-2 mb-0" aria-label={t('status.legend')}>
        {states.map((s) => (
          <li key={s} className="list-inline-item">
            <span className={`ponte-status-swatch ponte-bg-${stateClass(s)}`} aria-hidden="true" />
            {label(s)}
          </li>
        ))}
        {markerAt !== null && (
          <li className="list-inline-item">
            <span className="ponte-status-swatch ponte-status-swatch-marker" aria-hidden="true" />
            {t('status.legendMarker', { date: formatDate(viewDate) })}
          </li>
        )}
      </ul>
    </div>
  );
}
