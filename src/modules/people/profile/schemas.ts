import { z } from 'zod';
import { isCalendarDate, romeDateOf } from '../../../platform/dates.ts';
import { CEFR_LEVELS, CONTRACT_TYPE_CODES, DIGCOMP_AREA_CODES, DRIVING_LICENCES, EDUCATION_TITLE_BY_CODE, PROFILE_STEPS, WORKING_TIMES } from './reference.ts';

/** Input schemas of the professional profile, with Italian messages (the routes and the use cases share them). */

const PastDate = z
  .string()
  .refine(isCalendarDate, 'data non valida: usate il formato AAAA-MM-GG')
  .refine((d) => !isCalendarDate(d) || d <= romeDateOf(), 'la data non può essere nel futuro');
const AnyDate = z.string().refine(isCalendarDate, 'data non valida: usate il formato AAAA-MM-GG');
const Version = z.number({ message: 'manca la versione dei dati' }).int().min(0);
const Cp2011 = z
  .string()
  .trim()
  .regex(/^\d(\.\d{1,2}){0,5}$/, 'codice CP2011 non valido (es. 2.1.1.4.1)');
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => (v ? v : null));

export const ContractTypeCode = z.enum(CONTRACT_TYPE_CODES as [string, ...string[]], { message: 'tipologia contrattuale non prevista' });

export const EducationInput = z.object({
  titleCode: z.string().refine((c) => EDUCATION_TITLE_BY_CODE.has(c), 'scegliete un titolo di studio dall’elenco'),
  fieldOfStudy: optionalText(200, 'al massimo 200 caratteri'),
  institution: optionalText(200, 'al massimo 200 caratteri'),
  completedYear: z
    .number({ message: 'anno non valido' })
    .int('anno non valido')
    .min(1930, 'anno non valido')
    .refine((y) => y <= Number(romeDateOf().slice(0, 4)), 'l’anno non può essere nel futuro')
    .nullish()
    .transform((v) => v ?? null),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'codice del paese di 2 lettere (es. IT)')
    .nullish()
    .transform((v) => v ?? null),
});
export type EducationInput = z.infer<typeof EducationInput>;
export const EducationUpdate = EducationInput.extend({ version: Version });
export type EducationUpdate = z.infer<typeof EducationUpdate>;

const ExperienceFields = z.object({
  employerName: z.string({ message: 'indicate il datore di lavoro' }).trim().min(2, 'indicate il datore di lavoro').max(200, 'al massimo 200 caratteri'),
  employerTaxCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(\d{11}|[A-Z0-9]{16})$/, 'codice fiscale del datore non valido (11 cifre o 16 caratteri)')
    .nullish()
    .transform((v) => v || null),
  occupationCode: Cp2011,
  sectorCode: z
    .string()
    .trim()
    .regex(/^([A-U]|\d{2}(\.\d{1,2}){0,2})$/, 'codice ATECO non valido (es. 62.01.00)')
    .nullish()
    .transform((v) => v || null),
  startedOn: PastDate,
  endedOn: PastDate.nullish().transform((v) => v || null),
  contractType: ContractTypeCode.nullish().transform((v) => v ?? null),
  description: optionalText(2000, 'al massimo 2000 caratteri'),
});
const datesInOrder = (e: { startedOn: string; endedOn: string | null }) => !e.endedOn || e.endedOn >= e.startedOn;
const ORDER_MESSAGE = { message: 'la data di fine non può precedere quella di inizio', path: ['endedOn'] };

export const ExperienceInput = ExperienceFields.refine(datesInOrder, ORDER_MESSAGE);
export type ExperienceInput = z.infer<typeof ExperienceInput>;
export const ExperienceUpdate = ExperienceFields.extend({ version: Version }).refine(datesInOrder, ORDER_MESSAGE);
export type ExperienceUpdate = z.infer<typeof ExperienceUpdate>;

export const SkillsInput = z
  .object({
    version: Version,
    /** ESCO skill URIs (or the id, the last part of the URI). */
    skills: z.array(z.string().trim().min(1).max(300)).max(100, 'al massimo 100 competenze'),
    languages: z
      .array(
        z
          .object({
            language: z
              .string()
              .trim()
              .toLowerCase()
              .regex(/^[a-z]{2}$/, 'codice lingua ISO 639-1 di 2 lettere (es. en)'),
            motherTongue: z.boolean().default(false),
            level: z
              .enum(CEFR_LEVELS, { message: 'livello tra A1 e C2' })
              .nullish()
              .transform((v) => v ?? null),
          })
          .refine((l) => l.motherTongue || l.level !== null, { message: 'indicate il livello (A1–C2) o che è la lingua madre', path: ['level'] }),
      )
      .max(30, 'al massimo 30 lingue')
      .refine((ls) => new Set(ls.map((l) => l.language)).size === ls.length, 'una lingua è indicata due volte'),
  })
  .strict();
export type SkillsInput = z.infer<typeof SkillsInput>;

export const LicencesInput = z
  .object({
    version: Version,
    drivingLicences: z.array(z.enum(DRIVING_LICENCES, { message: 'categoria di patente non prevista' })).max(DRIVING_LICENCES.length),
    digitalSkills: z.partialRecord(
      z.enum(DIGCOMP_AREA_CODES as [string, ...string[]], { message: 'area DigComp non prevista' }),
      z.number({ message: 'livello da 1 a 8' }).int('livello da 1 a 8').min(1, 'livello da 1 a 8').max(8, 'livello da 1 a 8'),
    ),
  })
  .strict();
export type LicencesInput = z.infer<typeof LicencesInput>;

export const AvailabilityInput = z
  .object({
    version: Version,
    wantedOccupations: z.array(Cp2011).max(20, 'al massimo 20 professioni'),
    wantedContractTypes: z.array(ContractTypeCode).max(CONTRACT_TYPE_CODES.length),
    workingTime: z.array(z.enum(WORKING_TIMES, { message: 'orario non previsto' })).max(2),
    maxDistanceKm: z
      .number({ message: 'distanza in chilometri' })
      .int('distanza in chilometri interi')
      .min(0, 'la distanza non può essere negativa')
      .max(1000, 'al massimo 1000 km')
      .nullish()
      .transform((v) => v ?? null),
    ownVehicle: z
      .boolean()
      .nullish()
      .transform((v) => v ?? null),
    availableFrom: AnyDate.nullish().transform((v) => v || null),
    notes: optionalText(1000, 'al massimo 1000 caratteri'),
  })
  .strict();
export type AvailabilityInput = z.infer<typeof AvailabilityInput>;

export const StepInput = z.object({ step: z.enum(PROFILE_STEPS, { message: 'passo non previsto' }) });
export type StepInput = z.infer<typeof StepInput>;

export const RowVersion = z.object({ version: z.coerce.number({ message: 'manca la versione dei dati' }).int().min(1) });
