import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../platform/db/database.ts';
import { ImportFileError, type PendingRow, type RowCheck, type RowResult, required, seenBefore } from '../../organisation/index.ts';
import { cleanLabel, normalizeSearchText, SECTOR_LEVEL_NAMES, sentenceCase } from '../model.ts';
import {
  addWords,
  type ClassificationImportOptions,
  type ClassificationImportReport,
  type ClassificationSpec,
  missingCodes,
  runClassificationImport,
  type StepProgressCallback,
  stepProgress,
} from './common.ts';
import { checkValidity, type Validity } from './dates.ts';

/** File name in ../shared/data/ateco-2007 (the ministerial tables TAB_ATECOLIV0…4 concatenated). */
export const ATECO_FILE = 'ateco2007.csv';

/** Code shape of each ISTAT level: A · 62 · 62.0 · 62.01 · 62.01.0 · 62.01.00. */
const CODE_SHAPES: Record<number, RegExp> = {
  1: /^[A-U]$/,
  2: /^\d{2}$/,
  3: /^\d{2}\.\d$/,
  4: /^\d{2}\.\d{2}$/,
  5: /^\d{2}\.\d{2}\.\d$/,
  6: /^\d{2}\.\d{2}\.\d{2}$/,
};
const EXAMPLES: Record<number, string> = { 1: 'J', 2: '62', 3: '62.0', 4: '62.01', 5: '62.01.0', 6: '62.01.00' };

interface SectorRow extends Validity {
  code: string;
  level: number;
  label: string;
  parentCode: string | null;
  section: string;
}

const COLUMNS = [
  { key: 'code', aliases: ['codice', 'codice_ateco', 'code'], required: true },
  { key: 'level', aliases: ['livello', 'level'], required: true },
  { key: 'levelName', aliases: ['tipo_livello'], required: false },
  { key: 'label', aliases: ['denominazione', 'descrizione', 'titolo_ateco_2007', 'label'], required: true },
  { key: 'parent', aliases: ['codice_padre', 'parent_code'], required: true },
  { key: 'section', aliases: ['sezione', 'section'], required: true },
  { key: 'from', aliases: ['data_inizio', 'valid_from'], required: true },
  { key: 'to', aliases: ['data_fine', 'valid_to'], required: true },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

/** Parents a code may have: a sottocategoria hangs under its categoria or, where the table has none (the ministerial one), its classe. */
function allowedParents(code: string, level: number, section: string): string[] {
  switch (level) {
    case 1:
      return [''];
    case 2:
      return [section];
    case 3:
      return [code.slice(0, 2)];
    case 4:
      return [code.slice(0, 4)];
    case 5:
      return [code.slice(0, 5)];
    default:
      return [code.slice(0, 7), code.slice(0, 5)];
  }
}

/** ISTAT ATECO 2007 (sezioni → sottocategorie). Parents must come before their children in the file. */
export async function importAtecoFile(db: Db, file: string, options: ClassificationImportOptions = {}): Promise<ClassificationImportReport> {
  const seen = new Map<string, number>();
  const spec: ClassificationSpec<Key, SectorRow> = {
    kind: 'ateco-2007',
    columns: COLUMNS,
    check(v, line): RowCheck<SectorRow> {
      const missing = required(v.code, 'codice') ?? required(v.level, 'livello') ?? required(v.label, 'denominazione') ?? required(v.section, 'sezione');
      if (missing) return { reject: missing };
      if (!/^[1-6]$/.test(v.level)) return { reject: `livello «${v.level}» non valido: atteso un numero da 1 a 6` };
      const level = Number(v.level);
      const shape = CODE_SHAPES[level] as RegExp;
      if (!shape.test(v.code))
        return { reject: `codice «${v.code}» non valido per il livello ${level} (${SECTOR_LEVEL_NAMES[level]}, es. ${EXAMPLES[level]})` };
      if (v.levelName !== '' && v.levelName.toLowerCase() !== SECTOR_LEVEL_NAMES[level]) {
        return { reject: `tipo_livello «${v.levelName}» non coerente con il livello ${level} (${SECTOR_LEVEL_NAMES[level]})` };
      }
      if (!/^[A-U]$/.test(v.section)) return { reject: `sezione «${v.section}» non valida: attesa una lettera da A a U` };
      if (level === 1 && v.code !== v.section) return { reject: `sezione «${v.section}» diversa dal codice ${v.code}` };
      const parents = allowedParents(v.code, level, v.section);
      if (!parents.includes(v.parent)) {
        return {
          reject:
            level === 1
              ? `codice_padre «${v.parent}» non ammesso per una sezione (livello 1)`
              : `codice_padre «${v.parent}» non coerente con il codice ${v.code}: atteso ${parents.join(' o ')}`,
        };
      }
      const validity = checkValidity(v.from, v.to);
      if ('reject' in validity) return validity;
      const duplicate = seenBefore(seen, v.code, line, 'codice');
      if (duplicate) return { reject: duplicate };
      return { row: { code: v.code, level, label: cleanLabel(v.label), parentCode: v.parent || null, section: v.section, ...validity.validity } };
    },
    apply: applySectors,
  };
  return runClassificationImport(db, spec, { file }, options);
}

async function applySectors(trx: Db, rows: PendingRow<SectorRow>[]): Promise<RowResult[]> {
  const absent = await missingCodes(
    trx,
    'sectors',
    rows.map((r) => r.row.parentCode).filter((c): c is string => c !== null),
  );
  const inBatch = new Map<string, SectorRow>();
  const results: RowResult[] = [];
  const values = [];
  for (const { row } of rows) {
    if (row.parentCode !== null && absent.has(row.parentCode) && !inBatch.has(row.parentCode)) {
      results.push({ reject: `codice_padre ${row.parentCode} non presente: i livelli superiori devono precedere nel file` });
      continue;
    }
    inBatch.set(row.code, row);
    results.push('applied');
    values.push({
      code: row.code,
      level: row.level,
      level_name: SECTOR_LEVEL_NAMES[row.level] as string,
      label: row.label,
      display_label: sentenceCase(row.label),
      parent_code: row.parentCode,
      section: row.section,
      valid_from: row.validFrom,
      valid_to: row.validTo,
      label_norm: normalizeSearchText(row.label),
    });
  }
  if (values.length > 0) {
    await trx
      .insertInto('sectors')
      .values(values)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          level: eb.ref('excluded.level'),
          level_name: eb.ref('excluded.level_name'),
          label: eb.ref('excluded.label'),
          display_label: eb.ref('excluded.display_label'),
          parent_code: eb.ref('excluded.parent_code'),
          section: eb.ref('excluded.section'),
          valid_from: eb.ref('excluded.valid_from'),
          valid_to: eb.ref('excluded.valid_to'),
          label_norm: eb.ref('excluded.label_norm'),
        })),
      )
      .execute();
    await addWords(
      trx,
      'sectors',
      'it',
      values.map((v) => v.label_norm),
    );
  }
  return results;
}

/** ATECO 2007 from its file, or from a folder holding ateco2007.csv (as ../shared/data/ateco-2007). */
export async function importAteco(
  db: Db,
  source: string,
  onProgress?: StepProgressCallback,
  options: Omit<ClassificationImportOptions, 'onProgress'> = {},
): Promise<ClassificationImportReport[]> {
  if (!existsSync(source)) throw new ImportFileError(`Cartella o file non trovato: ${source}`);
  const file = statSync(source).isDirectory() ? join(source, ATECO_FILE) : source;
  return [await importAtecoFile(db, file, { ...options, onProgress: stepProgress(onProgress, 'ATECO 2007') })];
}
