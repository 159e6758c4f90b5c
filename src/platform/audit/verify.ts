import type { Db } from '../db/database.ts';
import { entryHash, GENESIS } from './chain.ts';
import { readHeads } from './heads.ts';

export interface AuditVerification {
  ok: boolean;
  segments: number;
  entries: number;
  problems: string[];
}

const PAGE = 5000;

/** Recomputes every chain and compares it with the heads written outside the database. */
export async function verifyAudit(db: Db, headsFile: string, onProgress?: (entries: number, total: number) => void): Promise<AuditVerification> {
  const problems: string[] = [];
  const { heads, malformedLines } = readHeads(headsFile);
  for (const line of malformedLines) problems.push(`File delle teste ${headsFile}: riga ${line} illeggibile`);
  const total = Number(
    (
      await db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const segmentRows = await db.selectFrom('audit_segments').selectAll().orderBy('segment').execute();
  const recordedHashes = new Map<string, string>(); // `${segment}:${seq}` → hash, only for seqs named in the heads file
  const wanted = new Set<string>();
  for (const list of heads.values()) for (const h of list) wanted.add(`${h.segment}:${h.seq}`);
  let entries = 0;

  for (const seg of segmentRows) {
    let prev = GENESIS;
    let expectedSeq = 1;
    for (;;) {
      const rows = await db
        .selectFrom('audit_entries')
        .selectAll()
        .where('segment', '=', seg.segment)
        .where('seq', '>=', String(expectedSeq))
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) problems.push(`Segmento ${seg.segment}: manca la voce ${expectedSeq} (trovata ${seq})`);
        if (r.prev_hash !== prev) problems.push(`Segmento ${seg.segment}, voce ${seq}: collegamento alla voce precedente alterato`);
        const computed = entryHash(r.prev_hash, {
          id: r.id,
          segment: r.segment,
          seq,
          at: r.at.toISOString(),
          actorAccountId: r.actor_account_id,
          actorRole: r.actor_role,
          actorScope: r.actor_scope,
          action: r.action,
          recordType: r.record_type,
          recordIds: r.record_ids,
          subjectPersonIds: r.subject_person_ids,
          fields: r.fields,
          purpose: r.purpose,
          outcome: r.outcome,
          ip: r.ip,
          requestId: r.request_id,
        });
        if (computed !== r.hash) problems.push(`Segmento ${seg.segment}, voce ${seq}: contenuto alterato (impronta non corrispondente)`);
        const key = `${r.segment}:${seq}`;
        if (wanted.has(key)) recordedHashes.set(key, r.hash);
        prev = r.hash;
        expectedSeq = seq + 1;
        entries++;
      }
      onProgress?.(entries, total);
      if (rows.length < PAGE) break;
    }
    if (Number(seg.last_seq) !== expectedSeq - 1 || seg.last_hash !== prev) {
      problems.push(`Segmento ${seg.segment}: la testa registrata (${seg.last_seq}) non corrisponde all'ultima voce (${expectedSeq - 1})`);
    }
  }

  const known = new Set(segmentRows.map((s) => s.segment));
  for (const [segment, list] of heads) {
    if (!known.has(segment)) {
      problems.push(`Segmento ${segment}: presente nel file delle teste ma assente dal database (cancellato?)`);
      continue;
    }
    for (const h of list) {
      const found = recordedHashes.get(`${segment}:${h.seq}`);
      if (found === undefined) problems.push(`Segmento ${segment}: la voce ${h.seq} registrata nel file delle teste non è più nel database (coda cancellata?)`);
      else if (found !== h.hash)
        problems.push(`Segmento ${segment}, voce ${h.seq}: la catena è stata ricostruita (impronta diversa da quella registrata fuori dal database)`);
    }
  }
  return { ok: problems.length === 0, segments: segmentRows.length, entries, problems };
}
