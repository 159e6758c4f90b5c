import { openDatabase } from './src/platform/db/database.ts';
import { INPUTS } from './bench/classifications.ts';
import { searchOccupations, searchEscoOccupations, searchSkills, searchSectors } from './src/modules/classifications/index.ts';
const h = await openDatabase({ engine: 'postgres', url: 'postgres://ponte:ponte@127.0.0.1:5432/ponte_cls_probe' });
const f = { occupations: (q: string) => searchOccupations(h.db, q, { limit: 3 }), escoOccupations: (q: string) => searchEscoOccupations(h.db, q, { limit: 3, language: 'en' }), skills: (q: string) => searchSkills(h.db, q, { limit: 3, language: 'en' }), sectors: (q: string) => searchSectors(h.db, q, { limit: 3 }) };
for (const [k, list] of Object.entries(INPUTS)) for (const q of list) { const r = await (f as any)[k](q); if (r.length === 0) console.log('ZERO', k, q); else if (process.env.ALL) console.log(k, q, '→', r.map((x: any) => x.label).join(' | ')); }
await h.close();
