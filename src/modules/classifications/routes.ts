import { z } from 'zod';
import { authenticated } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import { problems } from '../../platform/http/problems.ts';
import type { App } from '../../platform/http/server.ts';
import { ESCO_LANGUAGES, MATCH_KINDS } from './model.ts';
import { escoLanguage, findOccupation, searchEscoOccupations, searchOccupations, searchSectors, searchSkills, skillsOfEscoOccupation } from './store.ts';

export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 50;

const Query = z.string().trim().min(1, 'scrivere almeno un carattere').max(100, 'al massimo 100 caratteri');
const Limit = z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT);
const Language = z.enum(ESCO_LANGUAGES, { message: `lingua ESCO non valida: una tra ${ESCO_LANGUAGES.join(', ')}` });
const Match = z
  .enum(MATCH_KINDS as [string, ...string[]])
  .describe(
    'come il risultato corrisponde alla ricerca: exact (etichetta identica), label (etichetta alternativa identica), prefix (inizio ' +
      "dell'etichetta), word (inizio di una parola), stem (tutte le radici, es. plurale/singolare), similar (somiglianza, es. refusi)",
  );
const CodeLabel = z.object({ code: z.string(), label: z.string() });

const OccupationHit = z.object({
  code: z.string(),
  label: z.string().describe('in minuscolo con iniziale maiuscola'),
  sourceLabel: z.string().describe('come nella fonte ISTAT / ministeriale (maiuscolo)'),
  level: z.number().int().min(1).max(6),
  levelName: z.string(),
  path: z.array(CodeLabel).describe('livelli superiori, dal grande gruppo al padre'),
  match: Match,
});

const SectorHit = OccupationHit.extend({ section: z.string() });

const EscoOccupationHit = z.object({
  id: z.string().describe("identificativo ESCO (ultima parte dell'URI)"),
  uri: z.string(),
  code: z.string(),
  iscoGroup: z.string(),
  label: z.string(),
  matchedLabel: z.string().nullable().describe("l'etichetta alternativa trovata, se diversa da quella preferita"),
  language: z.string(),
  match: Match,
});

const SkillHit = z.object({
  id: z.string(),
  uri: z.string(),
  label: z.string(),
  matchedLabel: z.string().nullable(),
  skillType: z.string().nullable(),
  reuseLevel: z.string().nullable(),
  language: z.string(),
  match: Match,
});

const OccupationSkill = z.object({ id: z.string(), uri: z.string(), label: z.string(), language: z.string().nullable(), skillType: z.string().nullable() });

const SEARCH_HELP = 'Tollerante ai refusi: prima le corrispondenze esatte e per prefisso, poi per radice (testo completo), poi per somiglianza (trigrammi)';

/** Pickers over the classifications (reference data, any authenticated user). Reads `deps.db` at request time. */
export async function registerClassificationRoutes(app: App, deps: { db: Db }): Promise<void> {
  const tags = ['Classificazioni'];
  const policy = authenticated('reference', 'none');

  app.get('/api/v1/occupations/search', {
    config: { policy },
    schema: {
      tags,
      summary: `Cerca professioni ISTAT CP2011 e voci professionali. ${SEARCH_HELP}`,
      operationId: 'searchOccupations',
      querystring: z.object({
        q: Query.describe('testo (es. "programatore") o codice (es. "2.1.1.4")'),
        limit: Limit,
        minLevel: z.coerce.number().int().min(1).max(6).optional().describe('livello minimo: 5 = unità professionali e voci'),
      }),
      response: { 200: z.object({ items: z.array(OccupationHit) }) },
    },
    handler: async (request) => ({
      items: await searchOccupations(deps.db, request.query.q, { limit: request.query.limit, minLevel: request.query.minLevel }),
    }),
  });

  app.get('/api/v1/occupations/:occupationCode', {
    config: { policy },
    schema: {
      tags,
      summary: 'Una professione CP2011 con i livelli superiori, i livelli inferiori e le occupazioni ESCO collegate',
      operationId: 'getOccupation',
      params: z.object({ occupationCode: z.string().regex(/^\d+(\.\d+){0,5}$/, 'codice CP2011 puntato, es. 2.1.1.4.1') }),
      response: {
        200: OccupationHit.omit({ match: true }).extend({
          validFrom: z.string(),
          validTo: z.string().nullable(),
          children: z.array(z.object({ code: z.string(), label: z.string(), level: z.number().int() })),
          esco: z.object({ occupations: z.array(EscoOccupationHit), note: z.string() }),
        }),
      },
    },
    handler: async (request) => {
      const occupation = await findOccupation(deps.db, request.params.occupationCode);
      if (!occupation) throw problems.notFound(`Nessuna professione CP2011 con codice ${request.params.occupationCode}.`);
      return occupation;
    },
  });

  app.get('/api/v1/sectors/search', {
    config: { policy },
    schema: {
      tags,
      summary: `Cerca settori ISTAT ATECO 2007. ${SEARCH_HELP}`,
      operationId: 'searchSectors',
      querystring: z.object({
        q: Query.describe('testo (es. "ristorazione") o codice (es. "62.01")'),
        limit: Limit,
        minLevel: z.coerce.number().int().min(1).max(6).optional().describe('livello minimo: 6 = sottocategorie'),
      }),
      response: { 200: z.object({ items: z.array(SectorHit) }) },
    },
    handler: async (request) => ({
      items: await searchSectors(deps.db, request.query.q, { limit: request.query.limit, minLevel: request.query.minLevel }),
    }),
  });

  app.get('/api/v1/skills/search', {
    config: { policy },
    schema: {
      tags,
      summary: `Cerca abilità e conoscenze ESCO. ${SEARCH_HELP}`,
      operationId: 'searchSkills',
      querystring: z.object({
        q: Query,
        limit: Limit,
        lang: Language.optional().describe('lingua delle etichette; predefinita: it se importata, altrimenti en'),
      }),
      response: { 200: z.object({ language: z.string(), items: z.array(SkillHit) }) },
    },
    handler: async (request) => {
      const language = await escoLanguage(deps.db, 'esco_skills', request.query.lang);
      return { language, items: await searchSkills(deps.db, request.query.q, { limit: request.query.limit, language }) };
    },
  });

  app.get('/api/v1/esco-occupations/search', {
    config: { policy },
    schema: {
      tags,
      summary: `Cerca occupazioni ESCO. ${SEARCH_HELP}`,
      operationId: 'searchEscoOccupations',
      querystring: z.object({
        q: Query,
        limit: Limit,
        lang: Language.optional().describe('lingua delle etichette; predefinita: it se importata, altrimenti en'),
      }),
      response: { 200: z.object({ language: z.string(), items: z.array(EscoOccupationHit) }) },
    },
    handler: async (request) => {
      const language = await escoLanguage(deps.db, 'esco_occupations', request.query.lang);
      return { language, items: await searchEscoOccupations(deps.db, request.query.q, { limit: request.query.limit, language }) };
    },
  });

  app.get('/api/v1/esco-occupations/:escoOccupationId/skills', {
    config: { policy },
    schema: {
      tags,
      summary: 'Abilità e conoscenze essenziali e facoltative di un’occupazione ESCO',
      operationId: 'listEscoOccupationSkills',
      params: z.object({
        escoOccupationId: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/, "identificativo ESCO non valido (l'ultima parte dell'URI dell'occupazione)")
          .describe("ultima parte dell'URI ESCO, es. 00030d09-2b3a-4efd-87cc-c4ea39d27c34"),
      }),
      querystring: z.object({ lang: Language.optional().describe('lingua delle etichette; predefinita: it se importata, altrimenti en') }),
      response: {
        200: z.object({
          occupation: z.object({ id: z.string(), uri: z.string(), code: z.string(), label: z.string(), language: z.string() }),
          essential: z.array(OccupationSkill),
          optional: z.array(OccupationSkill),
        }),
      },
    },
    handler: async (request) => {
      const language = await escoLanguage(deps.db, 'esco_skills', request.query.lang);
      const result = await skillsOfEscoOccupation(deps.db, request.params.escoOccupationId, language);
      if (!result) throw problems.notFound(`Nessuna occupazione ESCO con identificativo ${request.params.escoOccupationId}.`);
      return result;
    },
  });
}
