import { z } from 'zod';
import type { Actor, RequestContext } from '../../../platform/access/actor.ts';
import type { AuditTrail } from '../../../platform/audit/trail.ts';
import { romeDateOf } from '../../../platform/dates.ts';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/unitOfWork.ts';
import { writeEvent } from '../../../platform/events/outbox.ts';
import { Problem, problems } from '../../../platform/http/problems.ts';
import { newId } from '../../../platform/ids.ts';
import { linkWaitingNotices } from '../../notices/index.ts';
import { competentJobCentre } from '../../organisation/index.ts';
import { CASEWORKERS, scopePeople } from '../access.ts';
import { recomputeStatus } from '../statusStore.ts';
import { checkBirthplace, checkDeclaredData, decodeTaxCode, parseTaxCode, taxCodeBaseForm } from '../taxCode.ts';
import { linkWaitingDeclarations } from './ReceiveNationalDeclarations.ts';

const Place = z.object({
  municipalityIstatCode: z.string().regex(/^\d{6}$/, 'codice ISTAT del comune di 6 cifre'),
  address: z.string().trim().min(3, 'indirizzo troppo corto').max(300),
});

export const RegisterPersonInput = z.object({
  taxCode: z.string().trim().min(11).max(16),
  givenName: z.string().trim().min(1, 'obbligatorio').max(100),
  familyName: z.string().trim().min(1, 'obbligatorio').max(100),
  sex: z.enum(['M', 'F'], { message: 'M o F' }),
  birthDate: z.iso.date({ message: 'data nel formato AAAA-MM-GG' }),
  birthplaceCode: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{3}$/i, 'codice catastale, es. D612 o Z129')
    .transform((v) => v.toUpperCase())
    .optional(),
  citizenship: z.string().trim().max(60).optional(),
  residence: Place,
  domicile: Place.optional(),
  email: z.email({ message: 'indirizzo email non valido' }).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +./-]{6,20}$/, 'numero di telefono non valido')
    .optional(),
  privacyNoticeGiven: z.literal(true, { message: "l'informativa sulla privacy deve essere consegnata" }),
  /** Declared data that disagree with the tax code, accepted with a reason (issued codes are authoritative). */
  overrides: z.array(z.object({ warning: z.string(), reason: z.string().trim().min(5, 'indicate il motivo') })).default([]),
});
export type RegisterPersonInput = z.infer<typeof RegisterPersonInput>;

export interface IdentityWarning {
  warning: string;
  message: string;
}

export interface RegisterPersonResult {
  id: string;
  jobCentre: { id: string; name: string };
  /** Other registered people whose code has the same base form: possible homonyms, never merged. */
  homonymNotices: { personId: string | null; message: string }[];
  overriddenWarnings: string[];
  /** Declarations received from the national system before registration, now applied. */
  linkedDeclarations: number;
  /** Employment notices received for this tax code before registration, now linked (and in the timeline). */
  linkedNotices: number;
}

/** Registers a job seeker by tax code: one record per code, declared data checked against the code, competent job centre from domicile (else residence). */
export async function registerPerson(
  deps: { db: Db; audit: AuditTrail },
  actor: Actor,
  ctx: RequestContext,
  input: RegisterPersonInput,
): Promise<RegisterPersonResult> {
  if (!CASEWORKERS.includes(actor.role)) throw problems.forbidden();
  const parsed = parseTaxCode(input.taxCode);
  if (!parsed.valid) throw problems.validation([{ field: 'taxCode', message: parsed.error.message }]);
  const code = parsed.code;

  const warnings: IdentityWarning[] = [];
  if (parsed.kind === 'personal') {
    for (const w of checkDeclaredData(code, input)) warnings.push({ warning: w.code, message: w.message });
    const place = input.birthplaceCode ?? decodeTaxCode(code).birthplaceCode;
    const birthplace = await checkBirthplace(place, input.birthDate);
    if (!birthplace.exists)
      warnings.push({ warning: 'birthplace-not-valid-on-date', message: birthplace.message ?? `Il luogo ${place} non esisteva alla data di nascita` });
  }
  const overridden = new Map(input.overrides.map((o) => [o.warning, o.reason]));
  const unresolved = warnings.filter((w) => !overridden.has(w.warning));
  if (unresolved.length > 0) {
    throw new Problem(
      422,
      'dati-non-coerenti-con-codice-fiscale',
      'Dati non coerenti con il codice fiscale',
      'Alcuni dati dichiarati non corrispondono al codice fiscale. Il codice rilasciato dall’Agenzia delle Entrate fa fede: correggete i dati oppure confermateli indicando il motivo.',
      { errors: unresolved.map((w) => ({ field: w.warning, message: w.message })), extra: { warnings: unresolved } },
    );
  }

  const today = romeDateOf();
  const home = input.domicile ?? input.residence;
  const centre = await competentJobCentre(deps.db, home.municipalityIstatCode, today);
  if (!centre) {
    throw problems.validation([
      {
        field: input.domicile ? 'domicile.municipalityIstatCode' : 'residence.municipalityIstatCode',
        message: 'nessun Centro per l’Impiego è competente per questo comune',
      },
    ]);
  }

  return inTransaction(deps.db, async (tx) => {
    const existing = await tx.db.selectFrom('people').select('id').where('tax_code', '=', code).executeTakeFirst();
    if (existing) {
      const visible = await scopePeople(tx.db.selectFrom('people').select('people.id'), actor).where('people.id', '=', existing.id).executeTakeFirst();
      throw new Problem(
        409,
        'persona-gia-registrata',
        'Persona già registrata',
        'Esiste già una scheda con questo codice fiscale: non se ne può creare una seconda.',
        {
          extra: visible ? { existingPersonId: existing.id } : {},
        },
      );
    }
    const id = newId();
    const base = parsed.kind === 'personal' ? taxCodeBaseForm(code) : code;
    await tx.db
      .insertInto('people')
      .values({
        id,
        tax_code: code,
        tax_code_base: base,
        given_name: input.givenName,
        family_name: input.familyName,
        birth_date: input.birthDate,
        sex: input.sex,
        birthplace_code: input.birthplaceCode ?? (parsed.kind === 'personal' ? decodeTaxCode(code).birthplaceCode : null),
        citizenship: input.citizenship ?? null,
        residence_municipality_istat_code: input.residence.municipalityIstatCode,
        residence_address: input.residence.address,
        domicile_municipality_istat_code: input.domicile?.municipalityIstatCode ?? null,
        domicile_address: input.domicile?.address ?? null,
        job_centre_id: centre.id,
        email: input.email ?? null,
        phone: input.phone ?? null,
        privacy_notice_at: new Date(),
      })
      .execute();
    for (const w of warnings) {
      await tx.db
        .insertInto('person_identity_overrides')
        .values({ id: newId(), person_id: id, warning_code: w.warning, reason: overridden.get(w.warning) as string, account_id: actor.accountId })
        .execute();
    }
    const linkedDeclarations = await linkWaitingDeclarations(tx, id, code);
    const linkedNotices = await linkWaitingNotices(tx, id, code);
    if (linkedNotices) await recomputeStatus(tx, id);
    const homonyms = await tx.db.selectFrom('people').select('id').where('tax_code_base', '=', base).where('id', '!=', id).execute();
    const homonymNotices: RegisterPersonResult['homonymNotices'] = [];
    for (const other of homonyms) {
      await tx.db.insertInto('homonym_notices').values({ id: newId(), person_id: id, other_person_id: other.id }).execute();
      const visible = await scopePeople(tx.db.selectFrom('people').select('people.id'), actor).where('people.id', '=', other.id).executeTakeFirst();
      homonymNotices.push({
        personId: visible ? other.id : null,
        message:
          'Possibile omonimo: esiste una persona con un codice fiscale che differisce solo per omocodia. È una persona diversa: verificate i documenti, non unite le schede.',
      });
    }
    await deps.audit.record(
      tx,
      { actor, ctx },
      {
        action: 'write',
        recordType: 'person',
        recordIds: [id],
        subjectPersonIds: [id],
        fields: [
          'registration',
          ...warnings.map((w) => `override:${w.warning}`),
          ...(linkedDeclarations ? ['nationalDeclarations'] : []),
          ...(linkedNotices ? ['employmentNotices'] : []),
        ],
        purpose: 'registrazione persona',
      },
    );
    await writeEvent(tx, 'people.person.registered', id, { personId: id, jobCentreId: centre.id, homonyms: homonyms.length });
    return {
      id,
      jobCentre: { id: centre.id, name: centre.name },
      homonymNotices,
      overriddenWarnings: warnings.map((w) => w.warning),
      linkedDeclarations,
      linkedNotices,
    };
  });
}
