import { API_PREFIX } from './constants.ts';

export const OPENAPI_INFO = {
  title: 'Ponte API',
  version: '0.1.0',
  summary: 'API del sistema informativo dei servizi pubblici per il lavoro (ARTI Toscana)',
  description:
    "API di Ponte: organizzazione dei Centri per l'Impiego, persone, aziende, audit. Tutti gli errori sono application/problem+json (RFC 9457) con messaggi in italiano.",
  contact: { name: 'ARTI — Agenzia Regionale Toscana per l’Impiego', email: 'ponte@arti.toscana.it', url: 'https://arti.toscana.it' },
  termsOfService: 'https://arti.toscana.it/note-legali',
  license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
  'x-api-id': 'd8e0a7b2-6f1c-4c58-9b7e-2a4f0c9d1e35',
  'x-summary': 'API del sistema informativo dei servizi pubblici per il lavoro (ARTI Toscana)',
};

export const PRODUCTION_SERVER = { url: `https://ponte.arti.toscana.it${API_PREFIX}`, description: 'Produzione' };

export const TAGS = [
  { name: 'Stato', description: 'Stato di salute del servizio' },
  { name: 'Autenticazione', description: 'Accesso, sessione, uscita' },
  { name: 'Organizzazione', description: "Centri per l'Impiego, sedi, comuni e competenza territoriale" },
  { name: 'Persone', description: 'Schede delle persone (back office)' },
  {
    name: 'Profilo professionale',
    description: 'Scheda anagrafico-professionale (SAP): titoli di studio, esperienze, competenze, lingue, patenti, disponibilità, curriculum',
  },
  { name: 'Aziende', description: 'Datori di lavoro' },
  { name: 'Classificazioni', description: 'Professioni ISTAT CP2011, settori ATECO, professioni e competenze ESCO' },
  { name: 'Profilazione', description: 'Profilazione ufficiale dal sistema nazionale e stima locale orientativa' },
  {
    name: 'Comunicazioni obbligatorie',
    description: 'Comunicazioni obbligatorie UNILAV (assunzioni, proroghe, trasformazioni, cessazioni) e loro effetto sullo stato occupazionale',
  },
  { name: 'Area personale', description: 'Dati propri di cittadini e aziende' },
  { name: 'Audit', description: 'Registro degli accessi e delle modifiche' },
];

/** Declared up front so that routes' `security` can name the schemes while the document is generated. */
export const OPENAPI_COMPONENTS = {
  schemas: {} as Record<string, unknown>,
  headers: {
    'X-RateLimit-Limit': { description: 'Richieste consentite nella finestra', schema: { type: 'integer', format: 'int32' } },
    'X-RateLimit-Remaining': { description: 'Richieste ancora disponibili nella finestra', schema: { type: 'integer', format: 'int32' } },
    'X-RateLimit-Reset': { description: 'Secondi alla fine della finestra', schema: { type: 'integer', format: 'int32' } },
    'Retry-After': { description: 'Secondi da attendere prima di riprovare', schema: { type: 'integer', format: 'int32' } },
  },
  securitySchemes: {
    sessionCookie: { type: 'apiKey', in: 'cookie', name: 'ponte_session', description: 'Sessione (cookie httpOnly) ottenuta con il login' },
    csrfToken: {
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
      description: 'Token anti-CSRF della sessione, obbligatorio per le operazioni che modificano dati',
    },
  },
} as const;

const RATE_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] as const;

const STANDARD_ERRORS: Record<string, string> = {
  '400': 'Richiesta non valida',
  '401': 'Accesso richiesto',
  '403': 'Operazione non consentita',
  '404': 'Risorsa non trovata',
  '429': 'Troppe richieste',
  '500': 'Errore interno',
  '503': 'Servizio non disponibile',
};

type Json = Record<string, unknown>;

declare module 'fastify' {
  interface FastifySchema {
    /** Route-specific problem responses for the OpenAPI document, by status code: `{ 409: 'Persona già registrata' }`. */
    'x-problems'?: Record<number, string>;
  }
}

/** Makes the generated document meet the Italian interoperability guidelines (see docs/api-guidelines in shared/). */
export function finaliseOpenApi(doc: Json): Json {
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const finalPaths: Record<string, Json> = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith(API_PREFIX) || path.startsWith(`${API_PREFIX}/docs`)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      finaliseOperation(method, path.slice(API_PREFIX.length) || '/', operation as Json);
    }
    finalPaths[path.slice(API_PREFIX.length) || '/'] = item;
  }
  addIntegerFormats(finalPaths);
  return {
    ...doc,
    openapi: '3.1.0',
    info: OPENAPI_INFO,
    servers: [PRODUCTION_SERVER],
    tags: TAGS,
    paths: finalPaths,
    components: { ...((doc.components as Json) ?? {}), schemas: { ...(((doc.components as Json)?.schemas as Json) ?? {}), Problem: PROBLEM_SCHEMA_DEF } },
  };
}

const PROBLEM_SCHEMA_DEF = {
  type: 'object',
  description: 'Errore secondo RFC 9457 (application/problem+json)',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Identificativo stabile del tipo di errore' },
    title: { type: 'string', description: 'Titolo in italiano' },
    status: { type: 'integer', format: 'int32', minimum: 100, maximum: 599 },
    detail: { type: 'string', description: 'Spiegazione in italiano' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

function rateHeaders(): Json {
  return Object.fromEntries(RATE_HEADERS.map((h) => [h, { $ref: `#/components/headers/${h}` }]));
}

function finaliseOperation(method: string, path: string, op: Json): void {
  op.operationId ??=
    method +
    path
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/[{}]/g, ''))
      .map((s) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()))
      .join('');
  op.description ??= op.summary;
  const responses = (op.responses ?? {}) as Record<string, Json>;
  for (const [code, title] of Object.entries((op['x-problems'] ?? {}) as Record<string, string>)) {
    responses[code] ??= { description: title };
  }
  delete op['x-problems'];
  for (const [code, title] of Object.entries(STANDARD_ERRORS)) {
    responses[code] ??= { description: title };
  }
  for (const [code, response] of Object.entries(responses)) {
    const n = Number(code);
    if (n >= 400 || code === 'default') {
      response.content = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
    }
    const headers = (response.headers ?? {}) as Json;
    if ((n >= 200 && n < 300) || (n >= 400 && n < 500 && n !== 429)) Object.assign(headers, rateHeaders());
    if (n === 429) Object.assign(headers, rateHeaders(), { 'Retry-After': { $ref: '#/components/headers/Retry-After' } });
    if (n === 503) headers['Retry-After'] = { $ref: '#/components/headers/Retry-After' };
    if (Object.keys(headers).length) response.headers = headers;
  }
  op.responses = responses;
}

/** The guidelines want a format on every integer and number. */
function addIntegerFormats(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) addIntegerFormats(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Json;
  if (schema.type === 'integer' && !schema.format) {
    const max = typeof schema.maximum === 'number' ? schema.maximum : Number.MAX_SAFE_INTEGER;
    schema.format = max <= 2147483647 ? 'int32' : 'int64';
  }
  if (schema.type === 'number' && !schema.format) schema.format = 'double';
  for (const value of Object.values(schema)) addIntegerFormats(value);
}
