import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../platform/db/database.ts';
import { ImportFileError, type PendingRow, type RowCheck, type RowResult, required, seenBefore } from '../../organisation/index.ts';
import { cleanLabel, normalizeSearchText, sentenceCase } from '../model.ts';
import {
  addWords,
  type ClassificationImportOptions,
  type ClassificationImportReport,
  type ClassificationSpec,
  missingCodes,
  runClassificationImport,
  type StepProgressCallback,
  segmentsOf,
  stepProgress,
} from './common.ts';
import { checkValidity, type Validity } from './dates.ts';

/** File names in ../shared/data/cp2011-professioni (they mirror the ministerial tables TAB_QUALPROFLIV0…4). */
export const CP2011_LEVELS_FILE = 'cp2011_livelli_1-5.csv';
export const CP2011_JOB_TITLES_FILE = 'cp2011_voci_professionali.csv';

export interface Cp2011Files {
  /** Levels 1–5: codice, livello, denominazione, codice_padre, data_inizio, data_fine. */
  levels?: string;
  /** Job titles (6th level): codice_voce, codice_unita_professionale, codice_categoria, denominazione, data_inizio, data_fine. */
  jobTitles?: string;
}

interface OccupationRow extends Validity {
  code: string;
  level: number;
  label: string;
  parentCode: string | null;
}

const DOTTED = /^\d+(\.\d+)*$/;

const LEVEL_COLUMNS = [
  { key: 'code', aliases: ['codice', 'codice_professione', 'code'], required: true },
  { key: 'level', aliases: ['livello', 'level'], required: true },
  { key: 'label', aliases: ['denominazione', 'descrizione', 'label'], required: true },
  { key: 'parent', aliases: ['codice_padre', 'parent_code'], required: true },
  { key: 'from', aliases: ['data_inizio', 'valid_from'], required: true },
  { key: 'to', aliases: ['data_fine', 'valid_to'], required: true },
] as const;
type LevelKey = (typeof LEVEL_COLUMNS)[number]['key'];

const JOB_TITLE_COLUMNS = [
  { key: 'code', aliases: ['codice_voce', 'codice'], required: true },
  { key: 'unit', aliases: ['codice_unita_professionale', 'codice_unita'], required: true },
  { key: 'category', aliases: ['codice_categoria'], required: false },
  { key: 'label', aliases: ['denominazione', 'descrizione'], required: true },
  { key: 'from', aliases: ['data_inizio', 'valid_from'], required: true },
  { key: 'to', aliases: ['data_fine', 'valid_to'], required: true },
] as const;
type JobTitleKey = (typeof JOB_TITLE_COLUMNS)[number]['key'];

function parentOf(code: string): string {
  return code.slice(0, code.lastIndexOf('.'));
}

/** ISTAT CP2011 levels 1–5 (grandi gruppi … unità professionali). Parents must come before their children in the file. */
export async function importCp2011Levels(db: Db, file: string, options: ClassificationImportOptions = {}): Promise<ClassificationImportReport> {
  const seen = new Map<string, number>();
  const spec: ClassificationSpec<LevelKey, OccupationRow> = {
    kind: 'cp2011-levels',
    columns: LEVEL_COLUMNS,
    check(v, line): RowCheck<OccupationRow> {
      const missing = required(v.code, 'codice') ?? required(v.level, 'livello') ?? required(v.label, 'denominazione');
      if (missing) return { reject: missing };
      if (!DOTTED.test(v.code)) return { reject: `codice «${v.code}» non valido: atteso un codice puntato ISTAT (es. 2.1.1.4.1)` };
      const level = Number(v.level);
      if (!/^[1-5]$/.test(v.level)) return { reject: `livello «${v.level}» non valido: atteso un numero da 1 a 5` };
      if (segmentsOf(v.code) !== level) {
        return { reject: `livello ${level} non coerente con il codice ${v.code} (${segmentsOf(v.code)} segmenti)` };
      }
      const expectedParent = level === 1 ? '' : parentOf(v.code);
      if (v.parent !== expectedParent) {
        return {
          reject:
            level === 1
              ? `codice_padre «${v.parent}» non ammesso per un grande gruppo (livello 1)`
              : `codice_padre «${v.parent}» non coerente con il codice ${v.code}: atteso ${expectedParent}`,
        };
      }
      const validity = checkValidity(v.from, v.to);
      if ('reject' in validity) return validity;
      const duplicate = seenBefore(seen, v.code, line, 'codice');
      if (duplicate) return { reject: duplicate };
      return { row: { code: v.code, level, label: cleanLabel(v.label), parentCode: expectedParent || null, ...validity.validity } };
    },
    apply: (trx, rows) => applyOccupations(trx, rows, (code) => `codice_padre ${code} non presente: i livelli superiori devono precedere nel file`),
  };
  return runClassificationImport(db, spec, { file }, options);
}

/** Ministerial job titles (6th level), each under a CP2011 unit already imported with importCp2011Levels. */
export async function importCp2011JobTitles(db: Db, file: string, options: ClassificationImportOptions = {}): Promise<ClassificationImportReport> {
  const seen = new Map<string, number>();
  const spec: ClassificationSpec<JobTitleKey, OccupationRow> = {
    kind: 'cp2011-job-titles',
    columns: JOB_TITLE_COLUMNS,
    check(v, line): RowCheck<OccupationRow> {
      const missing = required(v.code, 'codice_voce') ?? required(v.unit, 'codice_unita_professionale') ?? required(v.label, 'denominazione');
      if (missing) return { reject: missing };
      if (!DOTTED.test(v.code) || segmentsOf(v.code) !== 6) {
        return { reject: `codice_voce «${v.code}» non valido: attesi 6 segmenti puntati (es. 2.1.1.4.1.3)` };
      }
      const unit = parentOf(v.code);
      if (v.unit !== unit) return { reject: `codice_unita_professionale «${v.unit}» non coerente con la voce ${v.code}: attesa ${unit}` };
      if (v.category !== '' && v.category !== parentOf(unit)) {
        return { reject: `codice_categoria «${v.category}» non coerente con la voce ${v.code}: attesa ${parentOf(unit)}` };
      }
      const validity = checkValidity(v.from, v.to);
      if ('reject' in validity) return validity;
      const duplicate = seenBefore(seen, v.code, line, 'codice_voce');
      if (duplicate) return { reject: duplicate };
      return { row: { code: v.code, level: 6, label: cleanLabel(v.label), parentCode: unit, ...validity.validity } };
    },
    apply: (trx, rows) =>
      applyOccupations(trx, rows, (code) => `unità professionale ${code} non presente: importare prima il file dei livelli CP2011 (${CP2011_LEVELS_FILE})`),
  };
  return runClassificationImport(db, spec, { file }, options);
}

async function applyOccupations(trx: Db, rows: PendingRow<OccupationRow>[], unknownParent: (code: string) => string): Promise<RowResult[]> {
  const parents = rows.map((r) => r.row.parentCode).filter((c): c is string => c !== null);
  const absent = await missingCodes(trx, 'occupations', parents);
  const inBatch = new Set<string>();
  const results: RowResult[] = [];
  const values = [];
  for (const { row } of rows) {
    if (row.parentCode !== null && absent.has(row.parentCode) && !inBatch.has(row.parentCode)) {
      results.push({ reject: unknownParent(row.parentCode) });
      continue;
    }
    inBatch.add(row.code);
    results.push('applied');
    values.push({
      code: row.code,
      level: row.level,
      label: row.label,
      display_label: sentenceCase(row.label),
      parent_code: row.parentCode,
      valid_from: row.validFrom,
      valid_to: row.validTo,
      label_norm: normalizeSearchText(row.label),
    });
  }
  if (values.length > 0) {
    await trx
      .insertInto('occupations')
      .values(values)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          level: eb.ref('excluded.level'),
          label: eb.ref('excluded.label'),
          display_label: eb.ref('excluded.display_label'),
          parent_code: eb.ref('excluded.parent_code'),
          valid_from: eb.ref('excluded.valid_from'),
          valid_to: eb.ref('excluded.valid_to'),
          label_norm: eb.ref('excluded.label_norm'),
        })),
      )
      .execute();
    await addWords(
      trx,
      'occupations',
      'it',
      values.map((v) => v.label_norm),
    );
  }
  return results;
}

/** A folder holding both files (as ../shared/data/cp2011-professioni), or the two paths. */
export function cp2011FilesIn(source: string | Cp2011Files): Cp2011Files {
  if (typeof source !== 'string') return source;
  if (!existsSync(source)) throw new ImportFileError(`Cartella o file non trovato: ${source}`);
  if (statSync(source).isFile()) return { levels: source };
  const files = { levels: join(source, CP2011_LEVELS_FILE), jobTitles: join(source, CP2011_JOB_TITLES_FILE) };
  const missing = Object.values(files).filter((f) => !existsSync(f));
  if (missing.length > 0) throw new ImportFileError(`CP2011: mancano ${missing.join(', ')}`);
  return files;
}

/** CP2011 levels, then the job titles (either may be left out when files are given one by one). */
export async function importCp2011(
  db: Db,
  source: string | Cp2011Files,
  onProgress?: StepProgressCallback,
  options: Omit<ClassificationImportOptions, 'onProgress'> = {},
): Promise<ClassificationImportReport[]> {
  const files = cp2011FilesIn(source);
  const reports: ClassificationImportReport[] = [];
  if (files.levels) {
    reports.push(await importCp2011Levels(db, files.levels, { ...options, onProgress: stepProgress(onProgress, 'CP2011 — livelli 1-5') }));
  }
  if (files.jobTitles) {
    reports.push(await importCp2011JobTitles(db, files.jobTitles, { ...options, onProgress: stepProgress(onProgress, 'CP2011 — voci professionali') }));
  }
  return reports;
}
