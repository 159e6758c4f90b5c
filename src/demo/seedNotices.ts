import { checkNoticeRecord, insertNotices, type NoticeRecord, noticeToInsert } from '../modules/notices/index.ts';
import { noticeRecord } from '../modules/notices/testing.ts';
import { recomputeStatusOfMany, taxCode } from '../modules/people/index.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/unitOfWork.ts';
import { newId } from '../platform/ids.ts';

const FLORENCE = { cf_datore: '05432100481', denominazione_datore: 'Officine Fiorentine S.r.l.', ateco_datore: '25.62.00', comune_sede_lavoro: '048017' };
const PISA = { cf_datore: '01987650502', denominazione_datore: 'Cantieri Pisani S.p.A.', ateco_datore: '30.12.00', comune_sede_lavoro: '050026' };

/** Someone a notice names who has not registered at a job centre yet: the notice waits for them. */
export const DEMO_UNREGISTERED_WORKER = { givenName: 'Lucia', familyName: 'Ferri', sex: 'F' as const, birthDate: '1992-09-14', birthplaceCode: 'G702' };

/**
 * Demo UNILAV employment notices (hires, extensions, conversions, terminations, a rectification, a cancellation) for
 * some demo people, with their timelines recomputed. `people`: demo person ids by key (citizen, special, protected,
 * assigned, shared, p0…p23). The stories are set in 2023–2024, the years with configured income limits; each of those
 * people also gets the availability declaration the story starts from (the demo declarations are recent).
 */
export async function seedDemoNotices(db: Db, people: Record<string, string>): Promise<void> {
  const keys = ['p0', 'p1', 'p2', 'p3', 'p4'].filter((k) => people[k]);
  if (keys.length === 0) return;
  const rows = await db
    .selectFrom('people')
    .select(['id', 'tax_code'])
    .where(
      'id',
      'in',
      keys.map((k) => people[k] as string),
    )
    .execute();
  const code = Object.fromEntries(keys.map((k) => [k, rows.find((r) => r.id === people[k])?.tax_code as string]));
  const w = (k: string) => ({ cf_lavoratore: code[k] as string, cognome_lavoratore: 'Demo', nome_lavoratore: k });
  const records: NoticeRecord[] = [
    // p0: a fixed-term job above the income limit suspends the state; the early termination restores it.
    noticeRecord({
      ...FLORENCE,
      ...w('p0'),
      codice_comunicazione: 'DEMO0000001',
      data_inizio: '2023-03-01',
      data_fine: '2023-08-31',
      retribuzione_annua_lorda: '15600',
      ore_settimanali_medie: '38',
      qualifica_istat: '2.1.1.4.1',
    }),
    noticeRecord({
      ...FLORENCE,
      ...w('p0'),
      codice_comunicazione: 'DEMO0000002',
      tipo_evento: 'CES',
      data_invio: '2023-06-01',
      data_inizio: '2023-03-01',
      data_fine: '2023-08-31',
      data_cessazione: '2023-05-31',
      codice_causa_cessazione: 'DI',
    }),
    // p2: a part-time open-ended job within the limit keeps the state; its pay was corrected by a rectification.
    noticeRecord({
      ...FLORENCE,
      ...w('p2'),
      codice_comunicazione: 'DEMO0000003',
      data_inizio: '2023-04-03',
      tipologia_contrattuale: 'A.01.00',
      tipo_orario: 'P',
      ore_settimanali_medie: '12',
      retribuzione_annua_lorda: '8900',
    }),
    noticeRecord({
      ...FLORENCE,
      ...w('p2'),
      codice_comunicazione: 'DEMO0000004',
      codice_comunicazione_precedente: 'DEMO0000003',
      tipo_comunicazione: 'RETTIFICA',
      data_invio: '2023-04-05',
      data_inizio: '2023-04-03',
      tipologia_contrattuale: 'A.01.00',
      tipo_orario: 'P',
      ore_settimanali_medie: '10',
      retribuzione_annua_lorda: '7600',
    }),
    // p4: an open-ended job above the limit: suspended, then lost on day 181 (a new DID is needed after it ends).
    noticeRecord({
      ...FLORENCE,
      ...w('p4'),
      codice_comunicazione: 'DEMO0000005',
      data_inizio: '2024-01-08',
      tipologia_contrattuale: 'A.01.00',
      retribuzione_annua_lorda: '24000',
    }),
    noticeRecord({
      ...FLORENCE,
      ...w('p4'),
      codice_comunicazione: 'DEMO0000012',
      tipo_evento: 'CES',
      data_invio: '2024-10-31',
      data_inizio: '2024-01-08',
      tipologia_contrattuale: 'A.01.00',
      data_cessazione: '2024-10-31',
      codice_causa_cessazione: 'DV',
    }),
    // p1: a fixed-term job extended past 180 days, above the limit: lost on day 181.
    noticeRecord({
      ...PISA,
      ...w('p1'),
      codice_comunicazione: 'DEMO0000006',
      data_inizio: '2023-06-01',
      data_fine: '2023-09-30',
      retribuzione_annua_lorda: '12000',
    }),
    noticeRecord({
      ...PISA,
      ...w('p1'),
      codice_comunicazione: 'DEMO0000007',
      tipo_evento: 'PRO',
      data_invio: '2023-09-25',
      data_inizio: '2023-06-01',
      data_fine: '2023-09-30',
      data_proroga: '2024-03-31',
      retribuzione_annua_lorda: '12000',
    }),
    // p3: a traineeship keeps the state; a hire sent by mistake was cancelled.
    noticeRecord({
      ...PISA,
      ...w('p3'),
      codice_comunicazione: 'DEMO0000008',
      data_inizio: '2024-03-01',
      data_fine: '2024-08-31',
      tipologia_contrattuale: 'C.01.00',
      retribuzione_annua_lorda: '6000',
    }),
    noticeRecord({
      ...PISA,
      ...w('p3'),
      codice_comunicazione: 'DEMO0000009',
      data_inizio: '2024-03-01',
      tipologia_contrattuale: 'A.01.00',
      retribuzione_annua_lorda: '20000',
    }),
    noticeRecord({
      ...PISA,
      ...w('p3'),
      codice_comunicazione: 'DEMO0000010',
      codice_comunicazione_precedente: 'DEMO0000009',
      tipo_comunicazione: 'ANNULLAMENTO',
      data_invio: '2024-03-02',
      data_inizio: '2024-03-01',
      tipologia_contrattuale: 'A.01.00',
    }),
    // Not registered yet: kept and linked when she registers.
    noticeRecord({
      ...FLORENCE,
      codice_comunicazione: 'DEMO0000011',
      cf_lavoratore: taxCode.computeTaxCode(DEMO_UNREGISTERED_WORKER),
      cognome_lavoratore: DEMO_UNREGISTERED_WORKER.familyName,
      nome_lavoratore: DEMO_UNREGISTERED_WORKER.givenName,
      data_inizio: '2024-05-02',
      data_fine: '2024-07-31',
      retribuzione_annua_lorda: '14000',
    }),
  ].filter((r) => r.cf_lavoratore);
  const declarations: Record<string, string> = { p0: '2023-01-16', p1: '2023-03-01', p2: '2023-02-01', p3: '2023-11-06', p4: '2023-09-04' };
  await inTransaction(db, async (tx) => {
    for (const k of keys) {
      await tx.db
        .insertInto('availability_declarations')
        .values({ id: newId(), person_id: people[k] as string, declared_on: declarations[k] as string, channel: 'job-centre' })
        .execute();
    }
    const checked = records.map((record, i) => {
      const check = checkNoticeRecord(record, '2099-12-31');
      if ('reject' in check) throw new Error(`demo notice ${i}: ${check.reject}`);
      return noticeToInsert(newId(), i + 2, check.row, check.hash);
    });
    await insertNotices(tx, null, checked);
    await recomputeStatusOfMany(
      tx,
      keys.map((k) => people[k] as string),
    );
  });
}
