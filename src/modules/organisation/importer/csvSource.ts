import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { ImportFileError } from './errors.ts';

export type CsvEncoding = 'utf8' | 'windows-1252';
export type CsvDelimiter = ';' | ',';

export interface CsvFileInfo {
  path: string;
  sha256: string;
  /** Valid UTF-8 (or plain ASCII) → utf8; anything else is taken as Windows-1252, as ISTAT publishes it. */
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** Records after the header (blank lines excluded): the `total` of progress reports. */
  dataRecords: number;
}

export interface CsvRecord {
  /** Physical line where the record starts (1 = first line of the file), as an editor shows it. */
  line: number;
  /** Physical line where it ends: differs from `line` when a quoted cell holds a line break. */
  endLine: number;
  cells: string[];
  raw: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const SNIFF_BYTES = 64 * 1024;

/** One cheap pass over the bytes: hash, encoding, record count. The file is read again to import it. */
export async function inspectCsvFile(path: string): Promise<CsvFileInfo> {
  const head = await readHead(path, SNIFF_BYTES);
  const delimiter = detectDelimiter(head);
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  const counter = new RecordCounter(delimiter === ';' ? SEMICOLON : COMMA);
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      counter.push(bytes);
      if (validUtf8) {
        try {
          utf8.decode(bytes, { stream: true });
        } catch {
          validUtf8 = false;
        }
      }
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  if (validUtf8) {
    try {
      utf8.decode(); // a multi-byte sequence cut at the very end is invalid too
    } catch {
      validUtf8 = false;
    }
  }
  return {
    path,
    sha256: hash.digest('hex'),
    encoding: validUtf8 ? 'utf8' : 'windows-1252',
    delimiter,
    dataRecords: Math.max(0, counter.finish() - 1),
  };
}

/** Streams the records, header first, decoded and with their line numbers. */
export async function* readCsvRecords(info: CsvFileInfo): AsyncGenerator<CsvRecord> {
  const source = createReadStream(info.path);
  const decoder = iconv.decodeStream(info.encoding === 'utf8' ? 'utf8' : 'win1252');
  const parser = parse({
    delimiter: info.delimiter,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true, // a short or long row is rejected with its line number, not fatal for the file
    relax_quotes: true, // a stray quote inside an unquoted cell (e.g. an address) is kept as text
    info: true,
    raw: true,
  });
  source.on('error', (error) => parser.destroy(unreadable(info.path, error)));
  decoder.on('error', (error) => parser.destroy(unreadable(info.path, error)));
  source.pipe(decoder).pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const endLine = item.info.lines;
      yield { line: endLine - innerLineBreaks(item.raw), endLine, cells: item.record, raw: item.raw.trim() };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const where = (error as { lines?: number }).lines;
    throw new ImportFileError(`File CSV non leggibile${where ? ` alla riga ${where}` : ''} (${info.path}): ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}

/** Case-, accent-, space- and punctuation-insensitive header key; footnote marks like "(1)" are dropped. */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\(\s*\d+\s*\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

export interface ColumnSpec<K extends string> {
  key: K;
  /** Accepted header names, in order of preference; the first one names the column in messages. */
  aliases: readonly string[];
  required: boolean;
}

export type ColumnIndex<K extends string> = Record<K, number | undefined>;

export function resolveColumns<K extends string>(header: string[], specs: readonly ColumnSpec<K>[]): ColumnIndex<K> {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normalizeHeader(name);
    if (key && !positions.has(key)) positions.set(key, index);
  });
  const index = {} as ColumnIndex<K>;
  const missing: string[] = [];
  for (const spec of specs) {
    const found = spec.aliases.map((alias) => positions.get(normalizeHeader(alias))).find((i) => i !== undefined);
    index[spec.key] = found;
    if (found === undefined && spec.required) missing.push(spec.aliases.join(' / '));
  }
  if (missing.length > 0) {
    throw new ImportFileError(`Intestazione non riconosciuta: mancano le colonne ${missing.map((m) => `«${m}»`).join(', ')}`);
  }
  return index;
}

export function pickCells<K extends string>(cells: string[], index: ColumnIndex<K>): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const key of Object.keys(index) as K[]) {
    const at = index[key];
    values[key] = at === undefined ? '' : (cells[at] ?? '').trim();
  }
  return values;
}

async function readHead(path: string, size: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle?.close();
  }
}

/** Counts `;` and `,` outside quotes in the first record (the header may hold quoted line breaks). */
export function detectDelimiter(head: Uint8Array): CsvDelimiter {
  let quoted = false;
  let semicolons = 0;
  let commas = 0;
  for (const byte of head) {
    if (byte === QUOTE) quoted = !quoted;
    else if (!quoted && byte === LF) break;
    else if (!quoted && byte === SEMICOLON) semicolons++;
    else if (!quoted && byte === COMMA) commas++;
  }
  if (semicolons === 0 && commas === 0) {
    throw new ImportFileError('Intestazione non riconosciuta: la prima riga non contiene separatori «;» o «,»');
  }
  return semicolons >= commas ? ';' : ',';
}

/**
 * Counts records on raw bytes the way the parser splits them (RFC 4180 quotes, quotes inside
 * an unquoted cell are text, blank lines ignored). Works for both encodings: the bytes it looks at are ASCII.
 * Chunks without quotes are counted a line at a time (indexOf), the rest byte by byte.
 */
export class RecordCounter {
  readonly #delimiter: number;
  #records = 0;
  #quoted = false;
  #quotePending = false;
  #fieldStart = true;
  #lineHasContent = false;

  constructor(delimiter: number) {
    this.#delimiter = delimiter;
  }

  push(bytes: Uint8Array): void {
    if (!this.#quoted && bytes.indexOf(QUOTE) === -1) {
      let start = 0;
      for (;;) {
        const nl = bytes.indexOf(LF, start);
        const end = nl === -1 ? bytes.length : nl;
        if (!this.#lineHasContent) {
          for (let i = start; i < end; i++) {
            const b = bytes[i] as number;
            if (b !== SPACE && b !== TAB && b !== CR) {
              this.#lineHasContent = true;
              break;
            }
          }
        }
        if (nl === -1) break;
        if (this.#lineHasContent) this.#records++;
        this.#lineHasContent = false;
        start = nl + 1;
      }
      // A field starts after the last line break or delimiter, unless other text followed it.
      for (let i = bytes.length - 1; i >= 0; i--) {
        const b = bytes[i] as number;
        if (b === SPACE || b === TAB || b === CR) continue;
        this.#fieldStart = b === LF || b === this.#delimiter;
        break;
      }
      return;
    }
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (this.#quoted) {
        if (this.#quotePending) {
          this.#quotePending = false;
          if (byte === QUOTE) continue; // "" inside quotes
          this.#quoted = false;
        } else {
          if (byte === QUOTE) this.#quotePending = true;
          continue;
        }
      }
      if (byte === LF) {
        if (this.#lineHasContent) this.#records++;
        this.#lineHasContent = false;
        this.#fieldStart = true;
      } else if (byte === this.#delimiter) {
        this.#lineHasContent = true;
        this.#fieldStart = true;
      } else if (byte === QUOTE && this.#fieldStart) {
        this.#quoted = true;
        this.#lineHasContent = true;
      } else if (byte !== SPACE && byte !== TAB && byte !== CR) {
        this.#lineHasContent = true;
        this.#fieldStart = false;
      }
    }
  }

  finish(): number {
    return this.#records + (this.#lineHasContent ? 1 : 0);
  }
}

/** Line breaks inside the record itself: the raw text also carries skipped blank lines before it and its terminator. */
function innerLineBreaks(raw: string): number {
  const body = raw.replace(/^[\s]*\n/, '').replace(/\r?\n$/, '');
  let count = 0;
  for (const char of body) if (char === '\n') count++;
  return count;
}

function unreadable(path: string, error: unknown): ImportFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ImportFileError(`File non trovato: ${path}`);
  return new ImportFileError(`File non leggibile: ${path} (${(error as Error).message})`);
}
