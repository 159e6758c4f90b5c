import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectCsvFile, readCsvRecords } from '../organisation/index.ts';
import { inspectNoticesFile, readNoticeRecords } from './csvReader.ts';

const dir = mkdtempSync(join(tmpdir(), 'ponte-csvreader-'));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, content);
  return path;
}

/** Both readers on the same file: the fast one must give what csv-parse gives (cells, lines, raw text, counts). */
async function both(path: string) {
  const reference = await inspectCsvFile(path);
  const fast = await inspectNoticesFile(path);
  const expected = [];
  for await (const r of readCsvRecords(reference)) expected.push({ line: r.line, endLine: r.endLine, cells: r.cells, raw: r.raw });
  const actual = [];
  for await (const batch of readNoticeRecords(fast)) actual.push(...batch);
  return { reference, fast, expected, actual };
}

describe('fast notices CSV reader = csv-parse', () => {
  const cases: [string, string | Buffer][] = [
    ['plain, LF', 'a;b;c\n1;2;3\n4;5;6\n'],
    ['no final line break', 'a;b;c\n1;2;3'],
    ['CRLF', 'a;b;c\r\n1;2;3\r\n4;5;6\r\n'],
    ['BOM', '\uFEFFa;b;c\n1;2;3\n'],
    ['blank lines and spaces around cells', 'a;b;c\n\n  1 ; 2 ;3  \n   \n\n4;;\n\n'],
    ['quoted cells with separators, doubled quotes and line breaks', 'a;b;c\n1;"x;y";"he said ""hi"""\n2;"two\nlines";z\n"3";" q ";"\nr"\n4;5;6\n'],
    ['stray quote inside an unquoted cell', 'a;b;c\n1;Bar "Da Mario";3\n2;x"y;z\n'],
    ['comma separator', 'a,b,c\n1,"x,y",3\n'],
    ['wrong number of cells', 'a;b;c\n1;2\n1;2;3;4\n'],
    ['quote after spaces at a field start', 'a;b\n1;  "x;y"  \n2;3\n'],
    [
      'Windows-1252',
      Buffer.concat([Buffer.from('a;b\n1;'), Buffer.from([0xe0, 0xe8]), Buffer.from(';\n2;"Citt'), Buffer.from([0xe0]), Buffer.from(' ; x"\n')]),
    ],
    ['UTF-8 accents', 'a;b\n1;Città\n2;"Perché;sì"\n'],
  ];
  it.each(cases)('%s', async (_name, content) => {
    const { reference, fast, expected, actual } = await both(file(content));
    expect(fast).toEqual({ ...reference, path: fast.path });
    expect(actual).toEqual(expected);
  });

  it('large file: records (and a quoted record, and multi-byte characters) cut by chunk boundaries', async () => {
    const lines = ['codice;nome;note'];
    for (let i = 0; i < 60_000; i++) {
      if (i % 997 === 0) lines.push(`${i};"Rossi; Bianchi\ne figli";"nota ""${i}"""`);
      else lines.push(`${i};Città di prova ${i % 13};${'x'.repeat(i % 37)}`);
    }
    const { reference, fast, expected, actual } = await both(file(`${lines.join('\r\n')}\r\n`));
    expect(fast.dataRecords).toBe(reference.dataRecords);
    expect(fast.sha256).toBe(reference.sha256);
    expect(fast.encoding).toBe('utf8');
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
  });

  it('a CR LF inside a quoted cell is one line break (csv-parse counts two): lines stay those an editor shows', async () => {
    const { actual } = await both(file('a;b\r\n1;"x\r\ny"\r\n2;3\r\n'));
    expect(actual.map((r) => [r.line, r.endLine, r.cells])).toEqual([
      [1, 1, ['a', 'b']],
      [2, 3, ['1', 'x\r\ny']],
      [4, 4, ['2', '3']],
    ]);
  });

  it('an unclosed quote stops the file with its line', async () => {
    const path = file('a;b\n1;2\n3;"open\n4;5\n');
    const read = async () => {
      for await (const _ of readNoticeRecords(await inspectNoticesFile(path))) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow(/riga 3/);
  });
});
