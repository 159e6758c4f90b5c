import { freshDatabase } from './test/support/databases.ts';
import { importClassificationsFromSharedData, searchOccupations, searchSkills, searchEscoOccupations } from './src/modules/classifications/index.ts';
import { sql } from 'kysely';
process.env.PONTE_TEST_PG_URL ??= 'postgres://ponte:ponte@127.0.0.1:5432/postgres';
for (const engine of (process.env.ENGINES ?? "postgres,pglite").split(",") as ("postgres"|"pglite")[]) {
  const h = await freshDatabase(engine);
  let t = performance.now();
  let last = '';
  const reports = await importClassificationsFromSharedData(h.db, '/work/shared/data', (d, tot, label) => { if (label !== last) { console.log(engine, label, ((performance.now() - t) / 1000).toFixed(1)); last = label; } });
  console.log(engine, 'import s', ((performance.now() - t) / 1000).toFixed(1));
  console.log(reports.map(r => `${r.kind} ${r.status} ${r.total} ${r.applied} ${r.rejected.length} ${r.rejected.slice(0,2).map(x=>x.line+':'+x.reason).join('|')}`).join('\n'));
  await sql`vacuum analyze`.execute(h.db);
  for (const q of ['programatore', 'infermieri', 'infermiere', 'cuoco', 'commessa', 'elettricista', 'idrualico', 'muratore', 'badante', 'autista', 'saldatore', 'magazziniere', 'cameriere', 'parrucchiera', 'operatore socio sanitario', 'ingegnere informatico', 'insegnante', 'a']) {
    t = performance.now();
    const r = await searchOccupations(h.db, q, { limit: 5 });
    console.log(engine, q, (performance.now() - t).toFixed(1), 'ms', r.map(x => `${x.code} ${x.label} [${x.match}]`).join(' | '));
  }
  for (const q of ['programmer', 'nurse', 'electrician', 'plumbr', 'truck driver', 'software developer', 'cook', 'we']) {
    t = performance.now();
    const r = await searchEscoOccupations(h.db, q, { limit: 5, language: 'en' });
    console.log(engine, q, (performance.now() - t).toFixed(1), 'ms', r.map(x => `${x.label} (${x.matchedLabel}) [${x.match}]`).join(' | '));
  }
  for (const q of ['java', 'teamwork', 'comunication', 'customer service', 'excel', 'driving', 'ma']) {
    t = performance.now();
    const r = await searchSkills(h.db, q, { limit: 5, language: 'en' });
    console.log(engine, q, (performance.now() - t).toFixed(1), 'ms', r.map(x => `${x.label} (${x.matchedLabel}) [${x.match}]`).join(' | '));
  }
  await h.close();
}
