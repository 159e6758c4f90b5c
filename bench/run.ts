import { cpus } from 'node:os';
import { benchApi } from './api.ts';
import { benchClassifications } from './classifications.ts';
import { benchNotices } from './notices.ts';

/**
 * `npm run bench`: every benchmark runs its subject side by side with a baseline in this one process,
 * and reports ratios. Needs a PostgreSQL server (PONTE_TEST_PG_URL, an admin URL).
 * `node bench/run.ts notices` (or api, classifications) runs only the ones named.
 */
if (!process.env.PONTE_TEST_PG_URL) {
  console.error('PONTE_TEST_PG_URL non impostata: serve un server PostgreSQL (es. postgres://ponte:ponte@127.0.0.1:5432/postgres).');
  process.exit(1);
}
const BENCHMARKS: Record<string, () => Promise<unknown>> = { api: benchApi, classifications: benchClassifications, notices: benchNotices };
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Benchmark sconosciuti: ${unknown.join(', ')} (disponibili: ${Object.keys(BENCHMARKS).join(', ')})`);
  process.exit(64);
}
console.log(`# Ponte — benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} core)`);
for (const [name, run] of Object.entries(BENCHMARKS)) if (chosen.length === 0 || chosen.includes(name)) await run();
