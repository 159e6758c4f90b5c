import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/log.ts';
import { type EngineName, freshDatabase } from '../test/support/databases.ts';

/**
 * Benchmarks run side by side in one process and are reported as ratios. First benchmark: the same
 * read-heavy API request (job centres of a province, with their sites) on PGlite and on PostgreSQL.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const sharedDataDir = loadConfig().sharedDataDir;

interface Row {
  engine: EngineName;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(engine: EngineName): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-bench-'));
  const config = loadConfig({ PONTE_AUDIT_HEADS_FILE: join(dir, 'heads.jsonl'), PONTE_RATE_LIMIT_PER_MINUTE: '100000000', PORT: '0', LOG_LEVEL: 'silent' });
  const database = await freshDatabase(engine);
  await seedDemo(database.db, { sharedDataDir, log: () => {} });
  const { app } = await buildApp(config, database, createLogger('silent'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin.arti', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const url = `${base}/api/v1/job-centres?province=FI`;
  const check = await fetch(url, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`${engine}: ${check.status}`);
  await autocannon({ url, connections, duration: 2, headers: { cookie } }); // warm-up
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  await app.close();
  await database.close();
  return { engine, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The same read-heavy API request on PGlite and PostgreSQL, one after the other in this process. */
export async function benchApi(): Promise<void> {
  console.log('\n## API: GET /api/v1/job-centres?province=FI (sessione di admin.arti)');
  console.log(
    `Dati: ${sharedDataDir ? `comuni e CPI toscani da ${sharedDataDir}` : 'fixture (../shared/data assente)'}; ${seconds}s per motore, ${connections} connessioni`,
  );
  const rows = [await measure('pglite'), await measure('postgres')];
  const base = rows[0] as Row;
  console.table(
    rows.map((r) => ({
      motore: r.engine,
      'richieste/s': Math.round(r.requestsPerSecond),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      errori: r.errors,
      'rapporto vs PGlite': (r.requestsPerSecond / base.requestsPerSecond).toFixed(2),
    })),
  );
}
