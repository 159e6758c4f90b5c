import { cpus } from 'node:os';
import { benchApi } from './api.ts';
import { benchClassifications } from './classifications.ts';

/**
 * `npm run bench`: every benchmark runs its subject side by side with a baseline in this one process,
 * and reports ratios. Needs a PostgreSQL server (PONTE_TEST_PG_URL, an admin URL).
 */
if (!process.env.PONTE_TEST_PG_URL) {
  console.error('PONTE_TEST_PG_URL non impostata: serve un server PostgreSQL (es. postgres://ponte:ponte@127.0.0.1:5432/postgres).');
  process.exit(1);
}
console.log(`# Ponte — benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} core)`);
await benchApi();
await benchClassifications();
