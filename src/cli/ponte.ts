#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { importAteco, importClassificationsFromSharedData, importCp2011, importEsco } from '../modules/classifications/index.ts';
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

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      region: { type: 'string' },
      coordinates: { type: 'string' },
      force: { type: 'boolean', default: false },
      'shared-data': { type: 'string' },
      language: { type: 'string' },
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
