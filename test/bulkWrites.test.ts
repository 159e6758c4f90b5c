import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { copyRows, copyText } from '../src/platform/db/copy.ts';
import { inTransaction } from '../src/platform/db/unitOfWork.ts';
import { newId } from '../src/platform/ids.ts';
import { freshDatabase, testEngines } from './support/databases.ts';

describe('copyText', () => {
  it('writes COPY text format: tabs between fields, \\N for null, backslash escapes', () => {
    expect(copyText([['a', 1, null, true, undefined]])).toBe('a\t1\t\\N\ttrue\t\\N\n');
    expect(copyText([['tab\there', 'line\nbreak', 'cr\rx', 'back\\slash', '\\N']])).toBe('tab\\there\tline\\nbreak\tcr\\rx\tback\\\\slash\t\\\\N\n');
  });
});

describe.each(testEngines())('bulk writes on %s', (engine) => {
  it('copyRows stores exactly what it was given, in the caller transaction (a rollback discards it)', async () => {
    const handle = await freshDatabase(engine, { migrate: false });
    try {
      await sql`create table copied (id integer, label text, amount numeric, day date, note text)`.execute(handle.db);
      const rows = [
        [1, 'Società «Più» & C. — àèìòù', 1234.56, '2024-02-29', null],
        [2, 'tab\there\nnewline\r\nand \\ backslash', null, null, '\\N'],
        [3, '', 0, '1999-12-31', 'semi;colon "quoted"'],
      ];
      const copied = await inTransaction(handle.db, (tx) => copyRows(tx.db, 'copied', ['id', 'label', 'amount', 'day', 'note'], rows));
      expect(copied).toBe(3);
      const { rows: stored } = await sql<{ id: number; label: string; amount: string | null; day: string | null; note: string | null }>`
        select id, label, amount::text as amount, day, note from copied order by id`.execute(handle.db);
      expect(stored).toEqual([
        { id: 1, label: rows[0]?.[1], amount: '1234.56', day: '2024-02-29', note: null },
        { id: 2, label: rows[1]?.[1], amount: null, day: null, note: '\\N' },
        { id: 3, label: '', amount: '0', day: '1999-12-31', note: 'semi;colon "quoted"' },
      ]);
      await expect(
        inTransaction(handle.db, async (tx) => {
          await copyRows(tx.db, 'copied', ['id', 'label'], [[4, 'rolled back']]);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      const { rows: count } = await sql<{ n: number }>`select count(*)::int as n from copied`.execute(handle.db);
      expect(count[0]?.n).toBe(3);
      await expect(copyRows(handle.db, 'copied', ['id', 'label'], [['not a number', 'x']])).rejects.toThrow();
      await expect(copyRows(handle.db, 'copied; drop table copied', ['id'], [[1]])).rejects.toThrow(/nome non ammesso/);
    } finally {
      await handle.close();
    }
  });

  it('notices and status periods refuse references to people and runs that do not exist; referenced rows cannot go', async () => {
    const handle = await freshDatabase(engine);
    try {
      await seedDemo(handle.db, { sharedDataDir: null, log: () => {} });
      const db = handle.db;
      const person = await db.selectFrom('people').select('id').executeTakeFirstOrThrow();
      const runId = newId();
      await db
        .insertInto('import_runs')
        .values({ id: runId, kind: 'notices', source_name: 't.csv', source_sha256: 'x'.repeat(64), status: 'running' })
        .execute();
      const notice = (code: string, personId: string | null, importRunId: string | null) =>
        sql`insert into employment_notices (id, communication_code, communication_type, event_type, sent_on, employer_tax_code, employer_name,
          worker_tax_code, worker_family_name, worker_given_name, job_start, content_hash, person_id, import_run_id)
          values (${newId()}, ${code}, 'INVIO', 'AVV', '2024-01-10', '01234567890', 'Ditta', 'RSSMRA80A01D612Z', 'Rossi', 'Mario', '2024-01-10', 'h',
          ${personId}::uuid, ${importRunId}::uuid)`.execute(db);
      await notice('OK1', person.id, runId);
      await notice('OK2', null, null);
      await expect(notice('BAD1', newId(), runId)).rejects.toThrow(/persona inesistente/);
      await expect(notice('BAD2', person.id, newId())).rejects.toThrow(/importazione inesistente/);
      await expect(db.updateTable('employment_notices').set({ person_id: newId() }).where('communication_code', '=', 'OK2').execute()).rejects.toThrow(
        /persona inesistente/,
      );
      await expect(
        copyRows(db, 'status_periods', ['person_id', 'valid_from', 'valid_to', 'state', 'rule_id'], [[newId(), '2024-01-01', null, 'unemployed', 'DID']]),
      ).rejects.toThrow(/persona inesistente/);
      await copyRows(db, 'status_periods', ['person_id', 'valid_from', 'valid_to', 'state', 'rule_id'], [[person.id, '1990-01-01', null, 'unemployed', 'DID']]);
      // One statement, many rows: the same person several times is one reference; one missing person among many fails it whole.
      const others = await db.selectFrom('people').select('id').where('id', '<>', person.id).limit(3).execute();
      expect(others).toHaveLength(3);
      const periods = (ids: string[]) => ids.map((id, i) => [id, `1991-01-0${i + 1}`, null, 'unemployed', 'DID']);
      const columns = ['person_id', 'valid_from', 'valid_to', 'state', 'rule_id'];
      await expect(copyRows(db, 'status_periods', columns, periods([...others.map((o) => o.id), newId()]))).rejects.toThrow(/persona inesistente/);
      expect(await copyRows(db, 'status_periods', columns, periods([person.id, person.id, ...others.map((o) => o.id)]))).toBe(5);
      await expect(db.deleteFrom('people').where('id', '=', person.id).execute()).rejects.toThrow();
      await expect(db.updateTable('people').set({ id: newId() }).where('id', '=', person.id).execute()).rejects.toThrow(/identificativo/);
      await expect(db.deleteFrom('import_runs').where('id', '=', runId).execute()).rejects.toThrow(/importazione ancora collegata/);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from employment_notices where communication_code like 'BAD%'`.execute(db);
      expect(rows[0]?.n).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

describe.runIf(testEngines().includes('postgres'))('set-based reference checks under concurrency (PostgreSQL)', () => {
  it('a delete waits for the transaction that references the person, then fails; an insert waits for the delete, then fails', async () => {
    const handle = await freshDatabase('postgres');
    const a = new pg.Client({ connectionString: handle.url });
    const b = new pg.Client({ connectionString: handle.url });
    try {
      await seedDemo(handle.db, { sharedDataDir: null, log: () => {} });
      const centre = await handle.db.selectFrom('job_centres').select('id').executeTakeFirstOrThrow();
      const bare = async (taxCode: string) => {
        const id = newId();
        await handle.db
          .insertInto('people')
          .values({ id, tax_code: taxCode, given_name: 'Prova', family_name: 'Concorrenza', birth_date: '1980-01-01', sex: 'F', job_centre_id: centre.id })
          .execute();
        return id;
      };
      const first = await bare('CNCPRV80A41D612X');
      const second = await bare('CNCPRV80A41D612Y');
      const insertNotice = (client: pg.Client, code: string, personId: string) =>
        client.query(
          `insert into employment_notices (id, communication_code, communication_type, event_type, sent_on, employer_tax_code, employer_name,
            worker_tax_code, worker_family_name, worker_given_name, job_start, content_hash, person_id)
           values ($1, $2, 'INVIO', 'AVV', '2024-01-10', '01234567890', 'Ditta', 'CNCPRV80A41D612X', 'Concorrenza', 'Prova', '2024-01-10', 'h', $3)`,
          [newId(), code, personId],
        );
      const settledWithin = async (promise: Promise<unknown>, ms: number) =>
        Promise.race([
          promise.then(
            () => true,
            () => true,
          ),
          new Promise((resolve) => setTimeout(() => resolve(false), ms)),
        ]);
      await a.connect();
      await b.connect();

      // A references the person and has not committed: B's delete waits, then fails once A commits.
      await a.query('begin');
      await insertNotice(a, 'CONC1', first);
      const deleting = b.query('delete from people where id = $1', [first]);
      deleting.catch(() => {});
      expect(await settledWithin(deleting, 500)).toBe(false);
      await a.query('commit');
      await expect(deleting).rejects.toThrow(/persona ancora collegata/);

      // B deletes the person and has not committed: A's insert waits, then fails once B commits.
      await b.query('begin');
      await b.query('delete from people where id = $1', [second]);
      const inserting = insertNotice(a, 'CONC2', second);
      inserting.catch(() => {});
      expect(await settledWithin(inserting, 500)).toBe(false);
      await b.query('commit');
      await expect(inserting).rejects.toThrow(/persona inesistente/);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from employment_notices where communication_code like 'CONC%'`.execute(handle.db);
      expect(rows[0]?.n).toBe(1);
    } finally {
      await a.end().catch(() => {});
      await b.end().catch(() => {});
      await handle.close();
    }
  });
});
