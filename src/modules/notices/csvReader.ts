/**
 * Fast reading of a notices CSV (hot path of large imports: a million rows).
 *
 * - `inspectNoticesFile`: one pass over the bytes — sha256 (the run's key), encoding (valid UTF-8, else Windows-1252),
 *   separator, data records (blank lines excluded), as the organisation module's `inspectCsvFile` but without a
 *   JavaScript loop over every byte when the bytes hold no quote.
 * - `readNoticeRecords`: the records, header first, in arrays (one per chunk read). A line without any `"` is split on
 *   the separator and its cells trimmed; a record with a quote (possibly over several lines) is handed to csv-parse
 *   with the same options as the organisation module's reader (trim, relax_quotes, relax_column_count), so both give
 *   the same cells. Line numbers are physical lines (1 = first line), as an editor shows them.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
// The CSV helpers alone, not the organisation module's face: this file is loaded by the reader's worker thread too.
import { detectDelimiter, RecordCounter } from '../organisation/importer/csvSource.ts';
import { ImportFileError } from '../organisation/importer/errors.ts';

const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const CHUNK = 1 << 20;

export interface NoticesFileInfo {
  path: string;
  sha256: string;
  encoding: 'utf8' | 'windows-1252';
  delimiter: ';' | ',';
  /** Records after the header (blank lines excluded): the `total` of progress reports. */
  dataRecords: number;
}

export interface NoticeCsvRecord {
  /** Physical line where the record starts (1 = first line of the file). */
  line: number;
  /** Physical line where it ends: differs from `line` when a quoted cell holds a line break. */
  endLine: number;
  /** Trimmed cells. */
  cells: string[];
  /** The record's text, trimmed (kept with a rejection). */
  raw: string;
}

function unreadable(path: string, error: unknown): ImportFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ImportFileError(`File non trovato: ${path}`);
  return new ImportFileError(`File non leggibile: ${path} (${(error as Error).message})`);
}

/** One pass over the bytes: hash, encoding, separator, record count. */
export async function inspectNoticesFile(path: string): Promise<NoticesFileInfo> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  const delimiter = detectDelimiter(head);
  const hash = createHash('sha256');
  const counter = new RecordCounter(delimiter === ';' ? SEMICOLON : COMMA);
  let validUtf8 = true;
  let carry: Buffer | null = null; // the bytes of a character cut at the end of a chunk
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      counter.push(bytes);
      if (validUtf8) {
        const data: Buffer = carry ? Buffer.concat([carry, bytes]) : bytes;
        const cut = incompleteTail(data);
        validUtf8 = isUtf8Slice(data.subarray(0, data.length - cut));
        carry = cut > 0 ? Buffer.from(data.subarray(data.length - cut)) : null;
      }
    }
  } catch (error) {
    throw unreadable(path, error);
  }
  if (carry) validUtf8 = false; // a multi-byte sequence cut at the very end
  return { path, sha256: hash.digest('hex'), encoding: validUtf8 ? 'utf8' : 'windows-1252', delimiter, dataRecords: Math.max(0, counter.finish() - 1) };
}

function isUtf8Slice(bytes: Buffer): boolean {
  return bytes.length === 0 || isUtf8(bytes);
}

/** Bytes at the end that start a multi-byte UTF-8 character not complete in this buffer (0–3). */
function incompleteTail(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b < 0x80) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

const PARSE_OPTIONS = {
  trim: true,
  skip_empty_lines: true,
  relax_column_count: true,
  relax_quotes: true,
  info: true,
  raw: true,
} as const;

/** Where the record that starts at `from` ends (index of its terminating LF, or -1 if the text ends first). */
function quotedRecordEnd(text: string, from: number, delimiter: string): number {
  let quoted = false;
  let fieldStart = true;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (c === '\n') return i;
    if (c === delimiter) fieldStart = true;
    else if (c === '"' && fieldStart) quoted = true;
    else if (c !== ' ' && c !== '\t' && c !== '\r') fieldStart = false;
  }
  return -1;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Streams the records (header first) in arrays, one per chunk read. `info` from inspectNoticesFile. */
export async function* readNoticeRecords(info: NoticesFileInfo): AsyncGenerator<NoticeCsvRecord[]> {
  const source = createReadStream(info.path, { highWaterMark: CHUNK });
  const decoder = info.encoding === 'utf8' ? new StringDecoder('utf8') : null;
  const delimiter = info.delimiter;
  let rest = '';
  let line = 1; // physical line where `rest` starts
  let first = true;
  const decode = (bytes: Buffer) => (decoder ? decoder.write(bytes) : iconv.decode(bytes, 'win1252'));
  try {
    let done = false;
    const chunks = source[Symbol.asyncIterator]();
    while (!done) {
      const next = await chunks.next().catch((error: unknown) => {
        throw unreadable(info.path, error);
      });
      let text: string;
      if (next.done) {
        done = true;
        text = rest + (decoder ? decoder.end() : '');
        if (text.length > 0 && !text.endsWith('\n')) text += '\n';
      } else text = rest + decode(next.value as Buffer);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const out: NoticeCsvRecord[] = [];
      let start = 0;
      let quote = text.indexOf('"'); // the next quote at or after `start` (-1: none in this text)
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl === -1) break;
        if (quote !== -1 && quote < start) quote = text.indexOf('"', start);
        if (quote === -1 || quote > nl) {
          // Fast path: a line without quotes.
          const lineNo = line;
          line++;
          const raw = text.slice(start, nl).trim();
          start = nl + 1;
          if (raw === '') continue; // blank line
          const cells = raw.split(delimiter);
          for (let i = 0; i < cells.length; i++) cells[i] = (cells[i] as string).trim();
          out.push({ line: lineNo, endLine: lineNo, cells, raw });
          continue;
        }
        // A record with quotes: find where it ends (possibly lines later), let csv-parse split it.
        const end = quotedRecordEnd(text, start, delimiter);
        if (end === -1) {
          if (!done) break; // the rest comes with the next chunk
          throw new ImportFileError(`File CSV non leggibile alla riga ${line} (${info.path}): virgolette non chiuse`);
        }
        const recordText = text.slice(start, end + 1);
        const startLine = line;
        line += countLineBreaks(recordText);
        start = end + 1;
        let parsed: { record: string[]; raw: string }[];
        try {
          parsed = parse(recordText, { ...PARSE_OPTIONS, delimiter }) as unknown as typeof parsed;
        } catch (error) {
          throw new ImportFileError(`File CSV non leggibile alla riga ${startLine} (${info.path}): ${(error as Error).message}`);
        }
        // Lines counted here (csv-parse counts a CR LF inside quotes as two).
        let cursor = startLine;
        for (const item of parsed) {
          const raw = item.raw.trim();
          const first = cursor + countLineBreaks(item.raw.slice(0, item.raw.indexOf(raw)));
          out.push({ line: first, endLine: first + countLineBreaks(raw), cells: item.record, raw });
          cursor += countLineBreaks(item.raw);
        }
      }
      rest = text.slice(start);
      if (out.length > 0) yield out;
    }
  } finally {
    source.destroy();
  }
}
