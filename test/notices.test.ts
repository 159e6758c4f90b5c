import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNoticesFile, type NoticeRecord } from '../src/modules/notices/index.ts';
import { noticeRecord, noticesCsv } from '../src/modules/notices/testing.ts';
import { timelineOf } from '../src/modules/people/statusStore.ts';
import { computeTaxCode } from '../src/modules/people/taxCode.ts';
import { testEngines } from './support/databases.ts';
import { authed, login, type Session, startTestApp, type TestApp } from './support/testApp.ts';

interface StatusView {
  current: { state: string; ruleId: string; legalBasis: string; paySource: string | null };
  periods: { from: string; to: string | null; state: string; ruleId: string; legalBasis: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'ponte-notices-'));
let fileNo = 0;
function csvFile(records: Partial<NoticeRecord>[]): string {
  const path = join(dir, `notices-${++fileNo}.csv`);
  writeFileSync(path, noticesCsv(records));
  return path;
}

describe.each(testEngines())('employment notices (UNILAV) on %s', (engine) => {
  let t: TestApp;
  let operator: Session;
  let personNo = 0;
  const deps = () => ({ db: t.database.db, audit: t.deps.audit });
  const post = (path: string, body: unknown) => fetch(`${t.baseUrl}${path}`, authed(operator, { method: 'POST', body: JSON.stringify(body) }));

  /** A person not registered yet: identity and tax code. */
  const newWorker = () => {
    personNo++;
    const person = {
      givenName: 'Giulia',
      familyName: ['Neri', 'Verdi', 'Gialli', 'Bassi', 'Alti', 'Forti', 'Dolci', 'Lenti', 'Rapidi', 'Chiari'][personNo % 10] as string,
      sex: 'F' as const,
      birthDate: `19${70 + personNo}-03-0${1 + (personNo % 9)}`,
      birthplaceCode: 'D612',
    };
    return { ...person, taxCode: computeTaxCode(person) };
  };
  const register = async (w: ReturnType<typeof newWorker>, declaredOn = '2023-01-10') => {
    const response = await post('/api/v1/people', {
      ...w,
      residence: { municipalityIstatCode: '048017', address: 'Via Faenza 7' },
      privacyNoticeGiven: true,
    });
    const body = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    if (declaredOn) expect((await post(`/api/v1/people/${body.id}/availability-declarations`, { declaredOn })).status).toBe(201);
    return body;
  };
  const status = async (personId: string, date: string) =>
    (await (await fetch(`${t.baseUrl}/api/v1/people/${personId}/employment-status?date=${date}`, authed(operator))).json()) as StatusView;
  const stateOn = async (personId: string, date: string) => {
    const s = await status(personId, date);
    return `${s.current.state}/${s.current.ruleId}`;
  };
  const periods = async (personId: string) =>
    (
      await t.database.db
        .selectFrom('status_periods')
        .select(['valid_from', 'valid_to', 'state', 'rule_id'])
        .where('person_id', '=', personId)
        .orderBy('valid_from')
        .execute()
    ).map((p) => `${p.valid_from}..${p.valid_to ?? ''} ${p.state}/${p.rule_id}`);

  beforeAll(async () => {
    t = await startTestApp(engine);
    operator = await login(t.baseUrl, 'operatore.firenze');
  });
  afterAll(() => t.close());

  it('timeline effects: a short hire above the limit suspends and its termination restores; within the limit keeps; a long hire above the limit ends the state', async () => {
    const short = newWorker();
    const within = newWorker();
    const long = newWorker();
    const ids = { short: (await register(short)).id, within: (await register(within)).id, long: (await register(long)).id };
    const summary = await importNoticesFile(
      deps(),
      {
        path: csvFile([
          noticeRecord({
            codice_comunicazione: 'EFF1A',
            cf_lavoratore: short.taxCode,
            data_inizio: '2023-03-01',
            data_fine: '2023-06-30',
            retribuzione_annua_lorda: '15000',
          }),
          noticeRecord({
            codice_comunicazione: 'EFF1C',
            cf_lavoratore: short.taxCode,
            tipo_evento: 'CES',
            data_inizio: '2023-03-01',
            data_cessazione: '2023-04-14',
            data_invio: '2023-04-14',
          }),
          noticeRecord({
            codice_comunicazione: 'EFF2A',
            cf_lavoratore: within.taxCode,
            data_inizio: '2023-03-01',
            retribuzione_annua_lorda: '8000,00',
            tipologia_contrattuale: 'A.01.00',
          }),
          noticeRecord({
            codice_comunicazione: 'EFF3A',
            cf_lavoratore: long.taxCode,
            data_inizio: '2023-03-01',
            retribuzione_annua_lorda: '24000',
            tipologia_contrattuale: 'A.01.00',
          }),
        ]),
      },
      { batchSize: 10 },
    );
    expect(summary).toMatchObject({ status: 'completed', total: 4, applied: 4, duplicates: 0, rejected: [], peopleRecomputed: 3 });

    expect(await stateOn(ids.short, '2023-02-28')).toBe('unemployed/DID_START');
    expect(await stateOn(ids.short, '2023-03-01')).toBe('suspended/SUSPEND_UP_TO_180');
    expect(await stateOn(ids.short, '2023-04-14')).toBe('suspended/SUSPEND_UP_TO_180');
    expect(await stateOn(ids.short, '2023-04-15')).toBe('unemployed/TERMINATION_RESUMES');
    expect((await status(ids.short, '2023-03-01')).current).toMatchObject({
      paySource: 'notice',
      legalBasis: expect.stringMatching(/Art\. 19 c\.3 D\.lgs 150\/2015/),
    });

    expect(await stateOn(ids.within, '2023-05-01')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
    expect((await status(ids.within, '2023-05-01')).current.legalBasis).toMatch(/DL 4\/2019/);

    expect(await stateOn(ids.long, '2023-08-27')).toBe('suspended/SUSPEND_UP_TO_180');
    expect(await stateOn(ids.long, '2023-08-28')).toBe('lost/LOST_AFTER_180_ABOVE_LIMIT');
    // Stored for search by status, too.
    expect(await periods(ids.long)).toContain('2023-08-28.. lost/LOST_AFTER_180_ABOVE_LIMIT');
  });

  it('each rejected row is reported with its line and an Italian reason while the rest is applied; a re-import is idempotent', async () => {
    const w = newWorker();
    const { id } = await register(w);
    const rows = [
      noticeRecord({
        codice_comunicazione: 'REJ1A',
        cf_lavoratore: w.taxCode,
        data_inizio: '2023-02-01',
        data_fine: '2023-03-31',
        retribuzione_annua_lorda: '12000',
      }),
      noticeRecord({ codice_comunicazione: 'REJ2A', cf_lavoratore: 'RSSMRA85D12D612X', data_inizio: '2023-02-01' }),
      noticeRecord({ codice_comunicazione: 'REJ3C', cf_lavoratore: w.taxCode, tipo_evento: 'CES', data_inizio: '2023-02-01' }),
      noticeRecord({
        codice_comunicazione: 'REJ4P',
        cf_lavoratore: w.taxCode,
        tipo_evento: 'PRO',
        data_inizio: '2023-02-01',
        data_proroga: '2023-05-31',
        data_invio: '2023-03-25',
      }),
    ];
    const path = csvFile(rows);
    const first = await importNoticesFile(deps(), { path }, { batchSize: 2 });
    expect(first.applied).toBe(2);
    expect(first.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^cf_lavoratore non valido: Carattere di controllo errato/) },
      { line: 4, reason: 'data_cessazione mancante' },
    ]);
    const before = await periods(id);
    expect(before.join('\n')).toMatch(/2023-02-01\.\.2023-05-31 suspended/);

    // The same file again: nothing is done.
    const again = await importNoticesFile(deps(), { path });
    expect(again).toMatchObject({ status: 'already-imported', runId: first.runId, applied: 2 });
    // Another file with the same notices (another order, one new, one changed): duplicates are no-ops, a changed content is refused.
    const other = await importNoticesFile(deps(), {
      path: csvFile([
        rows[3] as NoticeRecord,
        rows[0] as NoticeRecord,
        { ...(rows[0] as NoticeRecord), codice_comunicazione: 'REJ1A', retribuzione_annua_lorda: '5000' },
        noticeRecord({
          codice_comunicazione: 'REJ5C',
          cf_lavoratore: w.taxCode,
          tipo_evento: 'CES',
          data_inizio: '2023-02-01',
          data_cessazione: '2023-04-30',
          data_invio: '2023-04-30',
        }),
      ]),
    });
    expect(other).toMatchObject({ applied: 1, duplicates: 2 });
    expect(other.rejected).toEqual([{ line: 4, reason: expect.stringMatching(/codice_comunicazione REJ1A già presente alla riga 3 con contenuto diverso/) }]);
    const stored = await t.database.db.selectFrom('employment_notices').select('communication_code').where('communication_code', 'like', 'REJ%').execute();
    expect(stored.map((s) => s.communication_code).sort()).toEqual(['REJ1A', 'REJ4P', 'REJ5C']);
    expect((await periods(id)).join('\n')).toMatch(/2023-02-01\.\.2023-04-30 suspended/);
    const changed = await importNoticesFile(deps(), { path: csvFile([{ ...(rows[0] as NoticeRecord), retribuzione_annua_lorda: '5000' }]) });
    expect(changed.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/comunicazione REJ1A già ricevuta con contenuto diverso: una correzione si invia come RETTIFICA/) },
    ]);
  });

  it('a code repeated in later batches of the same file is a duplicate or a rejection, as within one batch (batches in flight together)', async () => {
    const w = newWorker();
    const { id } = await register(w);
    const a1 = noticeRecord({ codice_comunicazione: 'DUP1A', cf_lavoratore: w.taxCode, data_inizio: '2023-02-01', retribuzione_annua_lorda: '20000' });
    const a2 = noticeRecord({
      codice_comunicazione: 'DUP2A',
      cf_lavoratore: w.taxCode,
      cf_datore: '01987650502',
      data_inizio: '2023-06-01',
      retribuzione_annua_lorda: '20000',
    });
    const r1 = noticeRecord({
      codice_comunicazione: 'DUP3R',
      codice_comunicazione_precedente: 'DUP2A',
      tipo_comunicazione: 'RETTIFICA',
      cf_lavoratore: w.taxCode,
      cf_datore: '01987650502',
      data_inizio: '2023-06-01',
      retribuzione_annua_lorda: '5000',
    });
    const summary = await importNoticesFile(
      deps(),
      {
        path: csvFile([
          a1,
          a2,
          a1,
          { ...a1, retribuzione_annua_lorda: '7000' },
          r1,
          { ...r1, codice_comunicazione: 'DUP4R', retribuzione_annua_lorda: '6000' },
          r1,
        ]),
      },
      { batchSize: 1 },
    );
    expect(summary).toMatchObject({ status: 'completed', total: 7, applied: 3, duplicates: 2, peopleRecomputed: 1 });
    expect(summary.rejected).toEqual([
      { line: 5, reason: expect.stringMatching(/^comunicazione DUP1A già ricevuta con contenuto diverso/) },
      { line: 7, reason: 'la comunicazione DUP2A è già stata rettificata o annullata dalla comunicazione DUP3R' },
    ]);
    const stored = await t.database.db.selectFrom('employment_notices').select('communication_code').where('communication_code', 'like', 'DUP%').execute();
    expect(stored.map((n) => n.communication_code).sort()).toEqual(['DUP1A', 'DUP2A', 'DUP3R']);
    expect(await stateOn(id, '2023-06-10')).toBe('suspended/SUSPEND_UP_TO_180');
    const run = await t.database.db.selectFrom('import_runs').select(['last_line', 'rows_total']).where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(run).toEqual({ last_line: 8, rows_total: 7 });
  });

  it('rectification and cancellation take effect even when they arrive before the notice they name', async () => {
    const w = newWorker();
    const { id } = await register(w);
    // First the RETTIFICA of RET1A (pay within the limit) and the ANNULLAMENTO of RET2A …
    await importNoticesFile(deps(), {
      path: csvFile([
        noticeRecord({
          codice_comunicazione: 'RET1R',
          codice_comunicazione_precedente: 'RET1A',
          tipo_comunicazione: 'RETTIFICA',
          cf_lavoratore: w.taxCode,
          data_inizio: '2023-03-01',
          retribuzione_annua_lorda: '6000',
          tipologia_contrattuale: 'A.01.00',
        }),
        noticeRecord({
          codice_comunicazione: 'RET2X',
          codice_comunicazione_precedente: 'RET2A',
          tipo_comunicazione: 'ANNULLAMENTO',
          cf_lavoratore: w.taxCode,
          cf_datore: '01987650502',
          data_inizio: '2023-09-01',
          retribuzione_annua_lorda: '30000',
        }),
      ]),
    });
    expect(await stateOn(id, '2023-03-10')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
    // … then the notices they name: RET1A (above the limit) is superseded, RET2A has no effect.
    const late = await importNoticesFile(deps(), {
      path: csvFile([
        noticeRecord({
          codice_comunicazione: 'RET1A',
          cf_lavoratore: w.taxCode,
          data_inizio: '2023-03-01',
          retribuzione_annua_lorda: '20000',
          tipologia_contrattuale: 'A.01.00',
        }),
        noticeRecord({
          codice_comunicazione: 'RET2A',
          cf_lavoratore: w.taxCode,
          cf_datore: '01987650502',
          data_inizio: '2023-09-01',
          retribuzione_annua_lorda: '30000',
        }),
        noticeRecord({
          codice_comunicazione: 'RET3R',
          codice_comunicazione_precedente: 'RET1A',
          tipo_comunicazione: 'RETTIFICA',
          cf_lavoratore: w.taxCode,
          data_inizio: '2023-03-01',
        }),
      ]),
    });
    expect(late.applied).toBe(2);
    expect(late.rejected).toEqual([{ line: 4, reason: 'la comunicazione RET1A è già stata rettificata o annullata dalla comunicazione RET1R' }]);
    expect(await stateOn(id, '2023-03-10')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
    expect(await stateOn(id, '2023-09-10')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
    expect((await status(id, '2023-12-31')).periods.some((p) => p.state === 'lost' || p.state === 'suspended')).toBe(false);
  });

  it('the periods an import stores are those computed from the database (facts kept in memory agree with what is stored)', async () => {
    const a = newWorker();
    const b = newWorker();
    const ids = [(await register(a)).id, (await register(b)).id];
    await importNoticesFile(deps(), {
      path: csvFile([
        noticeRecord({
          codice_comunicazione: 'MEM1A',
          cf_lavoratore: a.taxCode,
          data_inizio: '2023-03-01',
          data_fine: '2023-06-30',
          retribuzione_annua_lorda: '20000',
        }),
        // Names MEM2A, which arrives in the next run.
        noticeRecord({
          codice_comunicazione: 'MEM2R',
          codice_comunicazione_precedente: 'MEM2A',
          tipo_comunicazione: 'RETTIFICA',
          cf_lavoratore: b.taxCode,
          data_inizio: '2023-05-01',
          retribuzione_annua_lorda: '5000',
        }),
      ]),
    });
    await importNoticesFile(
      deps(),
      {
        path: csvFile([
          noticeRecord({ codice_comunicazione: 'MEM2A', cf_lavoratore: b.taxCode, data_inizio: '2023-05-01', retribuzione_annua_lorda: '40000' }),
          noticeRecord({
            codice_comunicazione: 'MEM1P',
            cf_lavoratore: a.taxCode,
            tipo_evento: 'PRO',
            data_inizio: '2023-03-01',
            data_proroga: '2023-12-31',
            data_invio: '2023-06-20',
            retribuzione_annua_lorda: '12000,50',
          }),
          // Rectifies a notice of the earlier run.
          noticeRecord({
            codice_comunicazione: 'MEM1R',
            codice_comunicazione_precedente: 'MEM1A',
            tipo_comunicazione: 'RETTIFICA',
            cf_lavoratore: a.taxCode,
            data_inizio: '2023-03-01',
            data_fine: '2023-06-30',
            retribuzione_annua_lorda: '6000',
          }),
          // A hire and its cancellation in the same run, in different batches.
          noticeRecord({
            codice_comunicazione: 'MEM3A',
            cf_lavoratore: b.taxCode,
            cf_datore: '01987650502',
            data_inizio: '2023-09-01',
            retribuzione_annua_lorda: '30000',
          }),
          noticeRecord({
            codice_comunicazione: 'MEM4T',
            cf_lavoratore: a.taxCode,
            tipo_evento: 'TRA',
            data_inizio: '2023-03-01',
            data_trasformazione: '2024-01-01',
            data_invio: '2024-01-01',
            tipologia_contrattuale: 'A.01.00',
          }),
          noticeRecord({
            codice_comunicazione: 'MEM3X',
            codice_comunicazione_precedente: 'MEM3A',
            tipo_comunicazione: 'ANNULLAMENTO',
            cf_lavoratore: b.taxCode,
            cf_datore: '01987650502',
            data_inizio: '2023-09-01',
          }),
        ]),
      },
      { batchSize: 2, recomputeChunkSize: 1 },
    );
    for (const id of ids) {
      const computed = (await timelineOf(t.database.db, id)).periods.map((p) => `${p.from}..${p.to ?? ''} ${p.state}/${p.ruleId}`);
      expect(computed.length).toBeGreaterThan(1);
      expect(await periods(id)).toEqual(computed);
    }
    expect(await stateOn(ids[0] as string, '2023-03-10')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
    expect(await stateOn(ids[1] as string, '2023-05-10')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
    expect(await stateOn(ids[1] as string, '2023-09-10')).toBe('employed-keeping/KEEP_BELOW_LIMIT');
  });

  it('out-of-order arrival gives the same timeline as in-order arrival', async () => {
    const a = newWorker();
    const b = newWorker();
    const ids = { a: (await register(a)).id, b: (await register(b)).id };
    const story = (w: ReturnType<typeof newWorker>, p: string) => [
      noticeRecord({
        codice_comunicazione: `${p}1A`,
        cf_lavoratore: w.taxCode,
        data_inizio: '2023-02-01',
        data_fine: '2023-04-30',
        retribuzione_annua_lorda: '14000',
      }),
      noticeRecord({
        codice_comunicazione: `${p}2P`,
        cf_lavoratore: w.taxCode,
        tipo_evento: 'PRO',
        data_inizio: '2023-02-01',
        data_proroga: '2023-12-31',
        data_invio: '2023-04-20',
      }),
      noticeRecord({
        codice_comunicazione: `${p}3T`,
        cf_lavoratore: w.taxCode,
        tipo_evento: 'TRA',
        data_inizio: '2023-02-01',
        data_trasformazione: '2023-06-01',
        data_invio: '2023-06-01',
        tipologia_contrattuale: 'A.01.00',
      }),
      noticeRecord({
        codice_comunicazione: `${p}4C`,
        cf_lavoratore: w.taxCode,
        tipo_evento: 'CES',
        data_inizio: '2023-02-01',
        data_cessazione: '2023-09-30',
        data_invio: '2023-09-30',
      }),
      noticeRecord({
        codice_comunicazione: `${p}5A`,
        cf_lavoratore: w.taxCode,
        cf_datore: '01987650502',
        data_inizio: '2024-01-15',
        data_fine: '2024-03-15',
        retribuzione_annua_lorda: '5000',
      }),
    ];
    await importNoticesFile(deps(), { path: csvFile(story(a, 'ORDA')) });
    const reversed = story(b, 'ORDB').reverse();
    await importNoticesFile(deps(), { path: csvFile(reversed.slice(0, 2)) });
    await importNoticesFile(deps(), { path: csvFile(reversed.slice(2)) });
    expect(await periods(ids.b)).toEqual(await periods(ids.a));
    expect((await periods(ids.a)).length).toBeGreaterThan(2);
  });

  it('notices for a tax code nobody registered with are kept, and linked when the person registers', async () => {
    const w = newWorker();
    const summary = await importNoticesFile(deps(), {
      path: csvFile([
        noticeRecord({
          codice_comunicazione: 'UNR1A',
          cf_lavoratore: w.taxCode,
          data_inizio: '2023-03-01',
          data_fine: '2023-05-31',
          retribuzione_annua_lorda: '15000',
        }),
      ]),
    });
    expect(summary).toMatchObject({ applied: 1, peopleRecomputed: 0 });
    const waiting = await t.database.db
      .selectFrom('employment_notices')
      .select(['person_id', 'worker_tax_code'])
      .where('communication_code', '=', 'UNR1A')
      .executeTakeFirstOrThrow();
    expect(waiting).toEqual({ person_id: null, worker_tax_code: w.taxCode });
    const registered = await register(w);
    const linked = await t.database.db
      .selectFrom('employment_notices')
      .select(['person_id'])
      .where('communication_code', '=', 'UNR1A')
      .executeTakeFirstOrThrow();
    expect(linked.person_id).toBe(registered.id);
    expect(await stateOn(registered.id, '2023-03-15')).toBe('suspended/SUSPEND_UP_TO_180');
    const audit = await t.database.db
      .selectFrom('audit_entries')
      .select('fields')
      .where('record_type', '=', 'person')
      .where(sql<boolean>`${registered.id} = any(record_ids)`)
      .where('action', '=', 'write')
      .executeTakeFirstOrThrow();
    expect(audit.fields).toContain('employmentNotices');
  });

  it('a merge moves the duplicate’s notices to the record that survives, and undoing it moves them back', async () => {
    const w = newWorker();
    const provisional = '12345678903';
    const duplicateId = (await register({ ...w, taxCode: provisional }, '')).id;
    const survivorId = (await register(w)).id;
    await importNoticesFile(deps(), {
      path: csvFile([
        noticeRecord({ codice_comunicazione: 'MRG1A', cf_lavoratore: provisional, data_inizio: '2023-03-01', retribuzione_annua_lorda: '30000' }),
      ]),
    });
    expect(await stateOn(survivorId, '2023-03-10')).toBe('unemployed/DID_START');
    const merged = await post('/api/v1/people/merges', { survivorId, duplicateId, reason: 'Codice provvisorio sostituito dal codice definitivo' });
    const mergeBody = (await merged.json()) as { mergeId: string; moved: Record<string, number> };
    expect(merged.status, JSON.stringify(mergeBody)).toBe(201);
    expect(mergeBody.moved.employment_notices).toBe(1);
    expect(await stateOn(survivorId, '2023-03-10')).toBe('suspended/SUSPEND_UP_TO_180');
    // A notice sent later for the provisional code follows the merge …
    await importNoticesFile(deps(), {
      path: csvFile([
        noticeRecord({
          codice_comunicazione: 'MRG1C',
          cf_lavoratore: provisional,
          tipo_evento: 'CES',
          data_inizio: '2023-03-01',
          data_cessazione: '2023-03-31',
          data_invio: '2023-03-31',
        }),
      ]),
    });
    expect(await stateOn(survivorId, '2023-04-01')).toBe('unemployed/TERMINATION_RESUMES');
    // … and goes back with the others when the merge is undone.
    const reverted = await post(`/api/v1/people/merges/${mergeBody.mergeId}/reversal`, { reason: 'Unione errata' });
    expect(reverted.status).toBe(200);
    const owners = await t.database.db.selectFrom('employment_notices').select('person_id').where('communication_code', 'like', 'MRG%').execute();
    expect(owners.map((o) => o.person_id)).toEqual([duplicateId, duplicateId]);
    expect(await stateOn(survivorId, '2023-03-10')).toBe('unemployed/DID_START');
  });

  it('one audit entry per committed batch names the notices and the people recomputed; domain events in the outbox', async () => {
    const a = newWorker();
    const b = newWorker();
    const ids = [(await register(a)).id, (await register(b)).id];
    const summary = await importNoticesFile(
      deps(),
      {
        path: csvFile([
          noticeRecord({ codice_comunicazione: 'AUD1A', cf_lavoratore: a.taxCode, data_inizio: '2023-03-01', retribuzione_annua_lorda: '9000' }),
          noticeRecord({ codice_comunicazione: 'AUD2A', cf_lavoratore: b.taxCode, data_inizio: '2023-03-01', retribuzione_annua_lorda: '9000' }),
          noticeRecord({
            codice_comunicazione: 'AUD3C',
            cf_lavoratore: a.taxCode,
            tipo_evento: 'CES',
            data_inizio: '2023-03-01',
            data_cessazione: '2023-04-30',
            data_invio: '2023-04-30',
          }),
          noticeRecord({ codice_comunicazione: 'AUD4X', cf_lavoratore: 'nessuno' }),
          noticeRecord({ codice_comunicazione: 'AUD5A', cf_lavoratore: newWorker().taxCode, data_inizio: '2023-03-01' }),
        ]),
      },
      { batchSize: 2, recomputeChunkSize: 1 },
    );
    // Each person is recomputed once per run, after the file has been read (a was in two batches).
    expect(summary).toMatchObject({ total: 5, applied: 4, peopleRecomputed: 2 });
    const entries = await t.database.db
      .selectFrom('audit_entries')
      .select(['record_ids', 'subject_person_ids', 'purpose', 'action'])
      .where('record_type', '=', 'employment_notice')
      .where('purpose', 'like', `%notices-${fileNo}.csv%`)
      .orderBy('at')
      .execute();
    const notices = await t.database.db
      .selectFrom('employment_notices')
      .select(['id', 'communication_code'])
      .where('communication_code', 'like', 'AUD%')
      .execute();
    const idOf = (code: string) => notices.find((n) => n.communication_code === code)?.id;
    expect(entries.map((e) => ({ records: [...e.record_ids].sort(), people: [...e.subject_person_ids].sort(), action: e.action }))).toEqual([
      { records: [idOf('AUD1A'), idOf('AUD2A')].sort(), people: [...ids].sort(), action: 'write' },
      { records: [idOf('AUD3C')], people: [ids[0]], action: 'write' },
      { records: [idOf('AUD5A')], people: [], action: 'write' },
    ]);
    expect(entries[0]?.purpose).toMatch(/righe 2–3/);
    const outbox = await t.database.db
      .selectFrom('outbox')
      .select(['topic', 'aggregate_id', 'payload'])
      .where('aggregate_id', 'in', [summary.runId, ...ids])
      .execute();
    expect(outbox.filter((o) => o.topic === 'notices.imported')).toHaveLength(3);
    const recomputed = outbox.filter((o) => o.topic === 'employment-status.recomputed');
    expect(recomputed.map((o) => o.aggregate_id).sort()).toEqual([...ids].sort());
    // The status periods rewritten are named by the recompute phase's entries (one per chunk of people: here one each).
    const statusEntries = await t.database.db
      .selectFrom('audit_entries')
      .select(['record_type', 'record_ids', 'subject_person_ids', 'fields'])
      .where('purpose', 'like', `ricalcolo dello stato occupazionale%notices-${fileNo}.csv`)
      .execute();
    expect(
      statusEntries
        .map((e) => ({ ...e, record_ids: [...e.record_ids], subject_person_ids: [...e.subject_person_ids] }))
        .sort((x, y) => ((x.record_ids[0] as string) < (y.record_ids[0] as string) ? -1 : 1)),
    ).toEqual([...ids].sort().map((id) => ({ record_type: 'person', record_ids: [id], subject_person_ids: [id], fields: ['employmentStatus'] })));
  });

  it('a file that cannot be read further (an unclosed quote) stops with its line; the batches before it stay committed', async () => {
    const w = newWorker();
    const good = noticesCsv([noticeRecord({ codice_comunicazione: 'BAD1A', cf_lavoratore: w.taxCode })]);
    const path = join(dir, `notices-${++fileNo}.csv`);
    writeFileSync(path, `${good}"BAD2A;INVIO\n`);
    await expect(importNoticesFile(deps(), { path }, { batchSize: 1 })).rejects.toThrow(/riga 3/);
    const stored = await t.database.db.selectFrom('employment_notices').select('communication_code').where('communication_code', 'like', 'BAD%').execute();
    expect(stored.map((n) => n.communication_code)).toEqual(['BAD1A']);
  });

  it('interrupted after the file was read: the rerun finishes the recompute phase; completed only then', async () => {
    const w = newWorker();
    const { id } = await register(w);
    const before = await periods(id);
    const path = csvFile([
      noticeRecord({
        codice_comunicazione: 'PHS1A',
        cf_lavoratore: w.taxCode,
        data_inizio: '2023-03-01',
        data_fine: '2023-05-31',
        retribuzione_annua_lorda: '15000',
      }),
    ]);
    const controller = new AbortController();
    await expect(
      importNoticesFile(
        deps(),
        { path },
        { signal: controller.signal, onProgress: (done, total) => (done === total && done > 0 ? controller.abort() : undefined) },
      ),
    ).rejects.toThrow(/interrotta/);
    const run = await t.database.db
      .selectFrom('import_runs')
      .innerJoin('notice_import_runs', 'notice_import_runs.run_id', 'import_runs.id')
      .select(['status', 'rows_applied', 'file_read', 'people_recomputed'])
      .where('import_runs.source_name', '=', `notices-${fileNo}.csv`)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'running', rows_applied: 1, file_read: true, people_recomputed: 0 });
    expect(await periods(id)).toEqual(before);
    const resumed = await importNoticesFile(deps(), { path });
    expect(resumed).toMatchObject({ status: 'completed', applied: 1, peopleRecomputed: 1 });
    expect(await stateOn(id, '2023-03-15')).toBe('suspended/SUSPEND_UP_TO_180');
    expect(await t.database.db.selectFrom('notice_import_pending').select('chunk').where('run_id', '=', resumed.runId).execute()).toEqual([]);
  });
});
