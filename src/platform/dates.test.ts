import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, romeDateOf } from './dates.ts';

describe('calendar dates in Europe/Rome', () => {
  it('late evening UTC is already the next day in Rome', () => {
    expect(romeDateOf(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(romeDateOf(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(romeDateOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
  it('adding days crosses daylight-saving changes and leap days without drift', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-10-24', 180)).toBe('2027-04-22');
  });
  it('rejects impossible dates', () => {
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2024-2-9')).toBe(false);
  });
});
