import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { type CsvRecord, detectDelimiter, inspectCsvFile, normalizeHeader, RecordCounter, readCsvRecords, resolveColumns } from './csvSource.ts';
import { ImportFileError } from './errors.ts';
import { FIXTURE_DIR } from './referenceSets.ts';

const dir = mkdtempSync(join(tmpdir(), 'ponte-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(await inspectCsvFile(path))) records.push(record);
  return records;
}

describe('inspectCsvFile', () => {
  it('recognises the official ISTAT file: Windows-1252, semicolons, header over three lines', async () => {
    const info = await inspectCsvFile(join(FIXTURE_DIR, 'comuni_istat.csv'));
    expect(info).toMatchObject({ encoding: 'windows-1252', delimiter: ';', dataRecords: 15 });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recognises the compact file: UTF-8, commas', async () => {
    const info = await inspectCsvFile(join(FIXTURE_DIR, 'comuni.csv'));
    expect(info).toMatchObject({ encoding: 'utf8', delimiter: ',', dataRecords: 15 });
  });

  it('looks at the whole file for the encoding, not just its beginning', async () => {
    const padding = 'a;b\n'.repeat(40_000); // well past the first read chunk
    const path = file('late-accent.csv', Buffer.concat([Buffer.from(`x;y\n${padding}`), iconv.encode('Città;1\n', 'win1252')]));
    const info = await inspectCsvFile(path);
    expect(info.encoding).toBe('windows-1252');
    expect(info.dataRecords).toBe(40_001);
  });

  it('says clearly when the file is missing or has no separator', async () => {
    await expect(inspectCsvFile(join(dir, 'nope.csv'))).rejects.toThrow(/File non trovato/);
    await expect(inspectCsvFile(file('single.csv', 'solo\n1\n'))).rejects.toBeInstanceOf(ImportFileError);
  });
});

describe('readCsvRecords', () => {
  it('decodes Windows-1252, joins the broken header cells and numbers lines as an editor does', async () => {
    const [header, first, ...rest] = await readAll(join(FIXTURE_DIR, 'comuni_istat.csv'));
    expect(header?.line).toBe(1);
    expect(header?.endLine).toBe(3);
    expect(header?.cells[1]).toBe("Codice dell'Unità territoriale sovracomunale \n(valida a fini statistici)");
    expect(first).toMatchObject({ line: 4, endLine: 4 });
    expect(first?.cells[3]).toBe('014'); // the padded "Progressivo" cell, trimmed
    expect(rest.map((r) => r.cells[6])).toContain('Castel San Niccolò');
  });

  it('skips a UTF-8 BOM and blank lines, keeping the numbering', async () => {
    const path = file('bom.csv', `\uFEFFcodice,nome\n1,"Forlì"\n\n2,"riga\nspezzata"\n3,x`);
    const records = await readAll(path);
    expect(records.map((r) => [r.line, r.endLine, r.cells])).toEqual([
      [1, 1, ['codice', 'nome']],
      [2, 2, ['1', 'Forlì']],
      [4, 5, ['2', 'riga\nspezzata']],
      [6, 6, ['3', 'x']],
    ]);
  });

  it('keeps a stray quote inside an unquoted cell as text', async () => {
    const records = await readAll(file('quote.csv', 'a;b\nVIA 4 "NOVEMBRE";x\n'));
    expect(records[1]?.cells).toEqual(['VIA 4 "NOVEMBRE"', 'x']);
  });
});

describe('header mapping', () => {
  it('ignores case, spaces, accents, punctuation and footnote marks', () => {
    expect(normalizeHeader('Codice Provincia (Storico)(1)')).toBe('codiceprovinciastorico');
    expect(normalizeHeader(' CODICE_ISTAT ')).toBe(normalizeHeader('codice istat'));
    expect(normalizeHeader("Denominazione dell'Unità territoriale\n(valida a fini statistici)")).toBe(
      normalizeHeader("Denominazione dell'Unita territoriale (valida a fini statistici)"),
    );
  });

  it('lists every missing required column', () => {
    const specs = [
      { key: 'a', aliases: ['codice_istat'], required: true },
      { key: 'b', aliases: ['codice_catastale', 'Codice Catastale del comune'], required: true },
      { key: 'c', aliases: ['capoluogo'], required: false },
    ] as const;
    expect(resolveColumns(['Codice_ISTAT', 'x', 'CODICE CATASTALE DEL COMUNE'], specs)).toEqual({ a: 0, b: 2, c: undefined });
    expect(() => resolveColumns(['x'], specs)).toThrow(/codice_istat.*codice_catastale \/ Codice Catastale del comune/);
  });
});

describe('record counting on bytes', () => {
  const count = (text: string, delimiter = ',') => {
    const counter = new RecordCounter(delimiter.charCodeAt(0));
    const bytes = Buffer.from(text);
    counter.push(bytes.subarray(0, 5)); // chunk boundaries must not matter
    counter.push(bytes.subarray(5));
    return counter.finish();
  };

  it('counts like the parser: quoted line breaks, escaped quotes, blank lines, no final newline', () => {
    expect(count('h1,h2\n"a\nb",c\n\n"x ""y""\n",z\r\nlast,1')).toBe(4);
    expect(count('h\n  \n\r\n')).toBe(1);
    expect(count('h;x\nVIA 4 "NOVEMBRE;x\n2;y\n', ';')).toBe(3);
  });

  it('finds the separator outside quotes in the first record', () => {
    expect(detectDelimiter(Buffer.from('"a;b",c,d\n1;2;3;4'))).toBe(',');
    expect(detectDelimiter(Buffer.from('"a,\nb";c\n'))).toBe(';');
  });
});
