import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId (UUIDv7, pooled randomness)', () => {
  it('makes RFC 9562 version-7 ids with the current time, unique and in the order they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newId());
    const after = Date.now();
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Thousands per millisecond here: the sequence keeps them sorted within one.
    expect([...ids].sort()).toEqual(ids);
    const ms = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms(ids[0] as string)).toBeGreaterThanOrEqual(before);
    expect(ms(ids.at(-1) as string)).toBeLessThanOrEqual(after + 1);
  });

  it('draws fresh randomness across pool refills (no repeated tail)', () => {
    const tails = Array.from({ length: 1000 }, () => newId().slice(-12));
    expect(new Set(tails).size).toBe(tails.length);
  });
});
