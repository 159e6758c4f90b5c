import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress.ts';

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text };
}

describe('progressReporter', () => {
  it('prints one line per 10 % step when not on a terminal, per step label', () => {
    const out = capture(false);
    const progress = progressReporter('Importazione', { stream: out.stream });
    for (let done = 0; done <= 273; done += 7) progress.update(done, 273, 'Comuni');
    progress.update(273, 273, 'Comuni');
    progress.update(0, 40, "Centri per l'impiego");
    progress.update(40, 40, "Centri per l'impiego");
    progress.stop();
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(11 + 2);
    expect(lines[0]).toBe('Importazione — Comuni: 0% (0/273)');
    expect(lines[10]).toBe('Importazione — Comuni: 100% (273/273)');
    expect(lines.slice(11)).toEqual(["Importazione — Centri per l'impiego: 0% (0/40)", "Importazione — Centri per l'impiego: 100% (40/40)"]);
  });

  it('works as a detached callback and without a step label', () => {
    const out = capture(false);
    const { update, stop } = progressReporter('Import', { stream: out.stream });
    update(5, 10);
    stop();
    expect(out.text()).toBe('Import: 50% (5/10)\n');
  });

  it('draws a bar on a terminal', () => {
    const out = capture(true);
    const progress = progressReporter('Importazione', { stream: out.stream });
    progress.update(0, 10, 'Comuni');
    progress.update(10, 10, 'Comuni');
    progress.stop();
    expect(out.text()).toContain('Importazione — Comuni');
    expect(out.text()).toContain('10/10');
  });
});
