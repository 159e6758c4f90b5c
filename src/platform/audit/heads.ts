import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Segment heads written outside the database, append-only: whoever deletes the tail of a chain
 * or rebuilds it in the database cannot make it agree with this file.
 */
export interface SegmentHead {
  segment: string;
  seq: number;
  hash: string;
}

export interface HeadsSink {
  append(head: SegmentHead): void;
}

export class FileHeadsSink implements HeadsSink {
  readonly #file: string;
  readonly #onHead: ((head: SegmentHead) => void) | undefined;
  constructor(file: string, onHead?: (head: SegmentHead) => void) {
    this.#file = file;
    this.#onHead = onHead;
    mkdirSync(dirname(file), { recursive: true });
  }
  append(head: SegmentHead): void {
    appendFileSync(this.#file, `${JSON.stringify(head)}\n`, { mode: 0o640 });
    this.#onHead?.(head);
  }
}

export function readHeads(file: string): { heads: Map<string, SegmentHead[]>; malformedLines: number[] } {
  const heads = new Map<string, SegmentHead[]>();
  const malformedLines: number[] = [];
  if (!existsSync(file)) return { heads, malformedLines };
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      try {
        const head = JSON.parse(line) as SegmentHead;
        if (typeof head.segment !== 'string' || typeof head.seq !== 'number' || typeof head.hash !== 'string') throw new Error();
        const list = heads.get(head.segment) ?? [];
        list.push(head);
        heads.set(head.segment, list);
      } catch {
        malformedLines.push(index + 1);
      }
    });
  return { heads, malformedLines };
}
