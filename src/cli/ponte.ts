#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { type LoadSummary, loadPopulation, loadReferenceData, writePopulation } from '../demo/population/index.ts';
import { importAteco, importClassificationsFromSharedData, importCp2011, importEsco } from '../modules/classifications/index.ts';
import { importNoticesFile, type NoticeImportSummary } from '../modules/notices/index.ts';
import {
  ensureAgency,
  type ImportReport,
  importCompetence,
  importJobCentres,
  importMunicipalities,
  importTuscanyFromSharedData,
} from '../modules/organisation/index.ts';
import { FileHeadsSink } from '../platform/audit/heads.ts';
import { AuditTrail } from '../platform/audit/trail.ts';
import { verifyAudit } from '../platform/audit/verify.ts';
import { progressReporter } from '../platform/cli/progress.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { type DatabaseHandle, openDatabase } from '../platform/db/database.ts';
import { DataDirLockedError } from '../platform/db/dataDirLock.ts';
import { migrate } from '../platform/db/migrate.ts';
import { inTransaction } from '../platform/db/unitOfWork.ts';

const USAGE = `Uso: ponte <comando> [opzioni]

  migrate                                   applica le migrazioni al database
  import municipalities <file.csv>          comuni ISTAT (CSV ufficiale ; Windows-1252, o CSV UTF-8 ,)
         [--region 09] [--coordinates <file.csv>] [--force]
  import job-centres <file.csv> [--force]   Centri per l'Impiego (classificazione ministeriale)
  import competence <file.csv> [--force]    competenza territoriale comune → CPI
  import tuscany [--shared-data <cartella>] comuni, CPI e competenza della Toscana da ../shared/data
  import cp2011 <cartella>                  professioni ISTAT CP2011 (livelli 1-5 e voci professionali)
  import ateco <file.csv|cartella>          settori ATECO 2007
  import esco <cartella> [--language it]    esportazione CSV ESCO in una lingua (occupations_<lingua>.csv, skills_…)
  import classifications [--shared-data <cartella>]  CP2011, ATECO ed ESCO da ../shared/data
  import notices <file.csv> [--force] [--batch-size 20000]
                                            comunicazioni obbligatorie UNILAV (CSV concordato, vedi README);
                                            Ctrl+C termina il blocco in corso: rilanciando si riprende da lì
  generate population --people 300000 --notices 1000000 [--seed 1] [--shuffle 10000] --out <cartella>
                                            popolazione sintetica (dimostrazioni, test, benchmark): people.csv,
                                            profiles.jsonl, notices.csv; stesso seme → stessi file; comuni e
                                            classificazioni dal database (fixture se non importati)
  load population <cartella>                carica people.csv e profiles.jsonl nel database (solo per dati di prova;
                                            rilanciabile: le persone già presenti sono saltate)
  audit verify                              verifica le catene del registro di audit e le teste esterne

Il database è quello della configurazione (DATABASE_URL, oppure il database incorporato in PONTE_DATA_DIR).
Con il database incorporato il comando rifiuta di partire se il server è in esecuzione.`;

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

type AnyReport = Omit<ImportReport, 'kind'> & { kind: string };

/** Reference-data imports are writes: one audit entry per import, by the command line. */
async function auditImport(database: DatabaseHandle, headsFile: string, report: AnyReport): Promise<void> {
  if (report.status === 'already-imported') return;
  const trail = new AuditTrail(new FileHeadsSink(headsFile));
  await inTransaction(database.db, (tx) =>
    trail.record(
      tx,
      { actor: null, ctx: { ip: null, requestId: `cli-${process.pid}` } },
      {
        action: 'write',
        recordType: `import:${report.kind}`,
        recordIds: [],
        fields: [`applied=${report.applied}`, `skipped=${report.skipped}`, `rejected=${report.rejected.length}`],
        purpose: `importazione da riga di comando di ${report.source}`,
      },
    ),
  );
}

function printReport(report: AnyReport): void {
  const status = report.status === 'already-imported' ? ' (file già importato: nessuna modifica)' : '';
  console.log(
    `${report.kind} — ${report.source}${status}: ${report.applied} applicate, ${report.skipped} saltate, ${report.rejected.length} scartate su ${report.total}`,
  );
  for (const r of report.rejected.slice(0, 50)) console.log(`  riga ${r.line}: ${r.reason}`);
  if (report.rejected.length > 50) console.log(`  … altre ${report.rejected.length - 50} righe scartate (registrate in import_rejections)`);
}

function printNoticesSummary(s: NoticeImportSummary): void {
  const status = s.status === 'already-imported' ? ' (file già importato: nessuna modifica)' : '';
  console.log(
    `notices — ${s.source}${status}: ${s.applied} applicate, ${s.duplicates} già presenti, ${s.rejected.length} scartate su ${s.total}; stato occupazionale ricalcolato ${s.peopleRecomputed} volte`,
  );
  for (const r of s.rejected.slice(0, 50)) console.log(`  riga ${r.line}: ${r.reason}`);
  if (s.rejected.length > 50) console.log(`  … altre ${s.rejected.length - 50} righe scartate (registrate in import_rejections, esecuzione ${s.runId})`);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      region: { type: 'string' },
      coordinates: { type: 'string' },
      force: { type: 'boolean', default: false },
      'shared-data': { type: 'string' },
      language: { type: 'string' },
      'batch-size': { type: 'string' },
      people: { type: 'string' },
      notices: { type: 'string' },
      seed: { type: 'string' },
      shuffle: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, file] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let database: DatabaseHandle;
  try {
    database = await openDatabase(config.database);
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    fail(`Impossibile aprire il database: ${(error as Error).message}`);
  }
  try {
    await migrate(database.db);
    const progress = progressReporter('Importazione');
    // Ctrl+C stops after the batch in flight is committed: rerunning the same command resumes.
    const abort = new AbortController();
    process.once('SIGINT', () => {
      console.error('\nInterruzione richiesta: termino il blocco in corso; rilanciate lo stesso comando per riprendere.');
      abort.abort();
    });
    const signal = abort.signal;
    const report = async (r: AnyReport) => {
      progress.stop();
      printReport(r);
      await auditImport(database, config.auditHeadsFile, r);
    };
    const onProgress = (done: number, total: number) => progress.update(done, total);
    switch (`${command} ${sub ?? ''}`.trim()) {
      case 'migrate':
        console.log('Migrazioni applicate.');
        break;
      case 'import municipalities':
        if (!file) fail('Indicate il file dei comuni');
        printReport(
          await importMunicipalities(database.db, file, {
            regionCode: values.region,
            coordinatesFile: values.coordinates,
            force: values.force,
            onProgress,
            signal,
          }),
        );
        break;
      case 'import job-centres':
        if (!file) fail('Indicate il file dei Centri per l’Impiego');
        await report(await importJobCentres(database.db, file, { agencyId: await ensureAgency(database.db), force: values.force, onProgress, signal }));
        break;
      case 'import competence':
        if (!file) fail('Indicate il file della competenza territoriale');
        await report(await importCompetence(database.db, file, { force: values.force, onProgress, signal }));
        break;
      case 'import tuscany': {
        const dir = values['shared-data'] ?? config.sharedDataDir;
        if (!dir) fail('Cartella ../shared/data assente: indicatela con --shared-data');
        const reports = await importTuscanyFromSharedData(database.db, dir, await ensureAgency(database.db), (d, t, label) => progress.update(d, t, label));
        progress.stop();
        for (const r of reports) await report(r);
        break;
      }
      case 'import cp2011':
        if (!file) fail('Indicate la cartella dei file CP2011');
        for (const r of await importCp2011(database.db, file, (d, t, label) => progress.update(d, t, label), { force: values.force, signal })) await report(r);
        break;
      case 'import ateco':
        if (!file) fail('Indicate il file o la cartella ATECO');
        for (const r of await importAteco(database.db, file, (d, t, label) => progress.update(d, t, label), { force: values.force, signal })) await report(r);
        break;
      case 'import esco':
        if (!file) fail('Indicate la cartella dell’esportazione CSV ESCO');
        for (const r of await importEsco(database.db, file, { language: values.language, force: values.force, signal }, (d, t, label) =>
          progress.update(d, t, label),
        ))
          await report(r);
        break;
      case 'import classifications': {
        const dir = values['shared-data'] ?? config.sharedDataDir;
        if (!dir) fail('Cartella ../shared/data assente: indicatela con --shared-data');
        for (const r of await importClassificationsFromSharedData(database.db, dir, (d, t, label) => progress.update(d, t, label))) await report(r);
        break;
      }
      case 'import notices': {
        if (!file) fail('Indicate il file delle comunicazioni obbligatorie');
        const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
        if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) fail('--batch-size: un numero intero positivo');
        const audit = new AuditTrail(new FileHeadsSink(config.auditHeadsFile));
        let summary: NoticeImportSummary;
        try {
          summary = await importNoticesFile({ db: database.db, audit }, { path: file }, { force: values.force, batchSize, onProgress, signal });
        } catch (error) {
          progress.stop();
          if (error instanceof Error && (error.name === 'ImportFileError' || error.name === 'ImportInterruptedError')) fail(error.message);
          throw error;
        }
        progress.stop();
        printNoticesSummary(summary);
        break;
      }
      case 'generate population': {
        const count = (name: 'people' | 'notices' | 'seed' | 'shuffle', fallback?: number) => {
          const raw = values[name];
          if (raw === undefined && fallback !== undefined) return fallback;
          const n = Number(raw);
          if (raw === undefined || !Number.isSafeInteger(n) || n < 0) fail(`--${name}: un numero intero ≥ 0`);
          return n;
        };
        if (!values.out) fail('Indicate la cartella di destinazione con --out');
        const reference = await loadReferenceData(database.db);
        console.log(
          `Dati di riferimento: comuni da ${reference.source.geography === 'database' ? 'database' : 'fixture'} (${reference.municipalities.length}), ` +
            `classificazioni da ${reference.source.classifications === 'database' ? 'database' : 'fixture'} (${reference.occupations.length} professioni CP2011, ${reference.sectors.length} settori ATECO, ${reference.skills.length} competenze ESCO)`,
        );
        const generated = await writePopulation(reference, values.out, {
          people: count('people'),
          notices: count('notices'),
          seed: count('seed', 1),
          shuffleWindow: count('shuffle', 0),
          onProgress: (d, t) => progress.update(d, t, 'Generazione'),
        });
        progress.stop();
        const types = Object.entries(generated.byType)
          .sort()
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        console.log(
          `✔ ${generated.people} persone, ${generated.profiles} profili, ${generated.notices} comunicazioni (${types}; ${generated.unregisteredNotices} per lavoratori non registrati) in ${generated.dir}`,
        );
        break;
      }
      case 'load population': {
        if (!file) fail('Indicate la cartella scritta da «ponte generate population»');
        let loaded: LoadSummary;
        try {
          loaded = await loadPopulation(database.db, file, { onProgress: (d, t, step) => progress.update(d, t, step) });
        } catch (error) {
          progress.stop();
          fail((error as Error).message);
        }
        progress.stop();
        console.log(
          `Persone: ${loaded.people.inserted} caricate, ${loaded.people.skipped} già presenti; ${loaded.declarations} dichiarazioni, ${loaded.timelines} stati occupazionali calcolati; ` +
            `profili: ${loaded.profiles.inserted} caricati, ${loaded.profiles.skipped} già presenti; ${loaded.rejected.length} righe scartate`,
        );
        for (const r of loaded.rejected.slice(0, 50)) console.log(`  ${r.file} riga ${r.line}: ${r.reason}`);
        await auditImport(database, config.auditHeadsFile, {
          kind: 'population',
          source: file,
          status: 'completed',
          applied: loaded.people.inserted + loaded.profiles.inserted,
          skipped: loaded.people.skipped + loaded.profiles.skipped,
          rejected: loaded.rejected.map((r) => ({ line: r.line, reason: `${r.file}: ${r.reason}` })),
          total: loaded.people.read + loaded.profiles.read,
        });
        break;
      }
      case 'audit verify': {
        const result = await verifyAudit(database.db, config.auditHeadsFile, onProgress);
        progress.stop();
        console.log(`Registro di audit: ${result.entries} voci in ${result.segments} segmenti; teste esterne in ${config.auditHeadsFile}`);
        if (result.ok) console.log('✔ Integro: nessuna alterazione trovata.');
        else {
          for (const p of result.problems) console.log(`  ✖ ${p}`);
          process.exitCode = 2;
        }
        break;
      }
      default:
        console.error(USAGE);
        process.exitCode = 64;
    }
    progress.stop();
  } finally {
    await database.close();
  }
}

await main();
