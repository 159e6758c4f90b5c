import { buildApp } from './app.ts';
import { DEMO_PASSWORD, seedDemo } from './demo/seed.ts';
import { progressReporter } from './platform/cli/progress.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { DataDirLockedError } from './platform/db/dataDirLock.ts';
import { migrate } from './platform/db/migrate.ts';
import { createLogger } from './platform/log.ts';

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // In demo mode the terminal is for people: only warnings unless LOG_LEVEL says otherwise.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : config.demo ? 'warn' : 'info');
  const database = await openDatabase(config.database).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) fail(error.message);
    fail(`Impossibile aprire il database (${config.database.engine}): ${(error as Error).message}`);
  });
  const applied = await migrate(database.db);
  console.log(`Database: ${database.engine} — ${database.location}${applied.length ? ` (migrazioni applicate: ${applied.join(', ')})` : ''}`);

  let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
  if (config.demo) {
    const progress = progressReporter('Importazione');
    demo = await seedDemo(database.db, { sharedDataDir: config.sharedDataDir, log: (line) => console.log(line), onProgress: progress.update });
    progress.stop();
  }

  const { app } = await buildApp(config, database, logger);
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(`:${config.port}`, `:${port}`);

  console.log(`\nPonte è in esecuzione: ${url}`);
  console.log(`Documentazione API: ${url}/api/v1/docs`);
  if (demo) {
    console.log(`\nModalità dimostrativa — account (password per tutti: ${DEMO_PASSWORD})`);
    for (const account of demo.accounts) console.log(`  ${account.username.padEnd(22)} ${account.role.padEnd(14)} ${account.description}`);
  }
  console.log('\nPer fermare: Ctrl+C');
}

await main();
