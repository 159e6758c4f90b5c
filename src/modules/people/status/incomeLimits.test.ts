import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, inclusiveDays } from './days.ts';
import { checkIncomeLimitTable, INCOME_LIMITS, isMissing, limitBoundaries, limitFor } from './incomeLimits.ts';

function employeeLimit(date: string): number | 'missing' {
  const row = limitFor(date);
  return isMissing(row) ? 'missing' : row.employee;
}

describe('income limits (rules reference §1.2; art. 4 c.15-quater DL 4/2019)', () => {
  it('2019-2021: 8,145 / 4,800 € from 2019-03-30 (ANPAL circ. 1/2019); nothing before', () => {
    expect(employeeLimit('2019-03-29')).toBe('missing');
    expect(employeeLimit('2019-03-30')).toBe(8145);
    expect(employeeLimit('2019-03-31')).toBe(8145);
    expect(employeeLimit('2021-12-31')).toBe(8145);
    const row = limitFor('2020-06-15');
    expect(isMissing(row) ? null : [row.selfEmployed, row.confidence]).toEqual([4800, 'V']);
    expect(isMissing(row) ? '' : row.source).toMatch(/ANPAL circ\. n\. 1/);
  });

  it('2022-2023: 8,173.91 / 5,500 € (Min. Lavoro nota 5824/2022; INPS msg 1414/2024), at both year edges', () => {
    expect(employeeLimit('2021-12-31')).toBe(8145);
    expect(employeeLimit('2022-01-01')).toBe(8173.91);
    expect(employeeLimit('2022-01-02')).toBe(8173.91);
    expect(employeeLimit('2023-12-31')).toBe(8173.91);
    const row = limitFor('2023-05-05');
    expect(isMissing(row) ? '' : row.source).toMatch(/nota 5824\/2022.*1414/);
  });

  it('2024: 8,500 / 5,500 € (D.lgs 216/2023; INPS msg 1414/2024), leap day included', () => {
    expect(employeeLimit('2023-12-31')).toBe(8173.91);
    expect(employeeLimit('2024-01-01')).toBe(8500);
    expect(employeeLimit('2024-02-29')).toBe(8500);
    expect(employeeLimit('2024-12-31')).toBe(8500);
  });

  it('2025 and 2026 are not configured: missing, never extrapolated from 2024 (INCOME_LIMIT_MISSING)', () => {
    for (const date of ['2025-01-01', '2025-07-01', '2026-03-15']) {
      const row = limitFor(date);
      expect(isMissing(row)).toBe(true);
    }
    expect(limitFor('2025-01-01')).toEqual({
      missing: true,
      date: '2025-01-01',
      year: 2025,
      message: "in attesa: limite di reddito non configurato per l'anno 2025",
    });
    expect(limitFor('2026-03-15')).toMatchObject({ year: 2026 });
  });

  it('a row added by an administrator is used for its year only', () => {
    const table = [...INCOME_LIMITS, { from: '2026-01-01', to: '2026-12-31', employee: 9000, selfEmployed: 6000, source: 'test', confidence: 'U' as const }];
    expect(limitFor('2026-06-01', table)).toMatchObject({ employee: 9000 });
    expect(isMissing(limitFor('2025-06-01', table))).toBe(true);
  });

  it('the shipped table is sound; overlaps, reversed dates and missing sources are reported', () => {
    expect(checkIncomeLimitTable(INCOME_LIMITS)).toEqual([]);
    const bad = [
      { from: '2024-01-01', to: '2024-12-31', employee: 8500, selfEmployed: 5500, source: 'x', confidence: 'V' as const },
      { from: '2024-06-01', to: '2024-05-01', employee: 8500, selfEmployed: 5500, source: ' ', confidence: 'V' as const },
    ];
    const problems = checkIncomeLimitTable(bad);
    expect(problems.some((p) => p.includes('sovrapposti'))).toBe(true);
    expect(problems.some((p) => p.includes("fine prima dell'inizio"))).toBe(true);
    expect(problems.some((p) => p.includes('fonte mancante'))).toBe(true);
  });

  it('boundaries are the first day of each row and the day after its end', () => {
    expect(limitBoundaries()).toEqual(['2019-03-30', '2022-01-01', '2022-01-01', '2024-01-01', '2024-01-01', '2025-01-01']);
  });
});

describe('calendar day arithmetic (no time zone, no DST shift)', () => {
  it('counts days across leap days and DST changes', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2); // DST starts 2024-03-31
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2); // DST ends 2024-10-27
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('1999-12-31', '2000-03-01')).toBe(61);
    expect(inclusiveDays('2024-03-01', '2024-08-27')).toBe(180);
    expect(inclusiveDays('2024-03-02', '2024-03-01')).toBe(0);
  });
  it('adds months clamping to the last day of the month', () => {
    expect(addMonths('2024-05-10', 2)).toBe('2024-07-10');
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
    expect(addMonths('2024-11-30', 2)).toBe('2025-01-30');
  });
  it('rejects malformed dates', () => {
    expect(() => daysBetween('2024-02-30', '2024-03-01')).toThrow(/Data non valida/);
  });
});
