/**
 * Writes a generated population to a folder — people.csv, profiles.jsonl, notices.csv — streaming, with backpressure
 * (a write that fills the stream's buffer waits for 'drain'), so memory stays flat at any scale.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { NOTICES_HEADER, type NoticeRow, noticeLine, PEOPLE_HEADER, personLine } from './formats.ts';
import { PopulationGenerator, type PopulationOptions } from './generate.ts';
import { mixSeed, Rng } from './random.ts';
import type { ReferenceData } from './reference.ts';

export const PEOPLE_FILE = 'people.csv';
export const PROFILES_FILE = 'profiles.jsonl';
export const NOTICES_FILE = 'notices.csv';

export interface WriteOptions extends PopulationOptions {
  /**
   * Out-of-order arrival: notices pass through a window of this many rows and leave it in random order, so a
   * termination may come before its hire and a rectification before the notice it replaces. 0 (default) = each
   * worker's notices in chronological order.
   */
  shuffleWindow?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface WriteSummary {
  dir: string;
  people: number;
  profiles: number;
  notices: number;
  byType: Record<string, number>;
  unregisteredNotices: number;
}

/** Buffered writer: joins small lines into ~64 KB chunks and honours backpressure. */
class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  private readonly stream: WriteStream;
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 65_536) await this.flush();
  }
  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** Generates the population described by `options` from `ref` and writes it into `dir` (created if missing). */
export async function writePopulation(ref: ReferenceData, dir: string, options: WriteOptions): Promise<WriteSummary> {
  mkdirSync(dir, { recursive: true });
  const generator = new PopulationGenerator(ref, options);
  const people = new ChunkedWriter(join(dir, PEOPLE_FILE));
  const profiles = new ChunkedWriter(join(dir, PROFILES_FILE));
  const notices = new ChunkedWriter(join(dir, NOTICES_FILE));
  const summary: WriteSummary = { dir, people: 0, profiles: 0, notices: 0, byType: {}, unregisteredNotices: 0 };
  const window = Math.max(0, Math.floor(options.shuffleWindow ?? 0));
  const shuffleRng = new Rng(mixSeed(generator.options.seed, 0x5f1e));
  const pending: NoticeRow[] = [];
  const total = generator.options.people;
  const step = Math.max(1, Math.floor(total / 200));
  const emit = async (row: NoticeRow) => {
    summary.notices++;
    const key = `${row.tipo_comunicazione}:${row.tipo_evento}`;
    summary.byType[key] = (summary.byType[key] ?? 0) + 1;
    await notices.write(noticeLine(row));
  };
  const push = async (row: NoticeRow) => {
    if (window === 0) return emit(row);
    if (pending.length < window) {
      pending.push(row);
      return;
    }
    const i = shuffleRng.int(0, window - 1);
    const out = pending[i]!;
    pending[i] = row;
    await emit(out);
  };
  try {
    await people.write(PEOPLE_HEADER);
    await notices.write(NOTICES_HEADER);
    options.onProgress?.(0, total);
    for (const item of generator.items()) {
      if (item.kind === 'person') {
        await people.write(personLine(item.person));
        summary.people++;
        if (item.profile) {
          await profiles.write(`${JSON.stringify(item.profile)}\n`);
          summary.profiles++;
        }
        if (summary.people % step === 0) options.onProgress?.(summary.people, total);
      } else {
        summary.unregisteredNotices += item.notices.length;
      }
      for (const row of item.notices) await push(row);
    }
    // Drain the window in random order (Fisher–Yates).
    for (let i = pending.length - 1; i >= 0; i--) {
      const j = shuffleRng.int(0, i);
      await emit(pending[j]!);
      pending[j] = pending[i]!;
    }
    options.onProgress?.(total, total);
  } finally {
    await Promise.all([people.close(), profiles.close(), notices.close()]);
  }
  return summary;
}
