import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '../../../test/support/oidcProvider.ts';
import { type Config, loadConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { Problem } from '../http/problems.ts';
import type { App } from '../http/server.ts';
import { newId } from '../ids.ts';
import {
  createOidcClient,
  createStateSealer,
  normaliseTaxCode,
  OIDC_STATE_COOKIE,
  type OidcLoginEvent,
  type PendingLogin,
  registerOidcRoutes,
} from './oidc.ts';
import { hashToken, SESSION_COOKIE } from './sessions.ts';

const SLOW = 60_000;
const CLIENT_ID = 'ponte-prova';
const CLIENT_SECRET = 'segreto-del-client-di-prova-0123456789';

/** Maria Rossi: registered person, no account yet. */
const CITIZEN_TAX_CODE = 'RSSMRA80A41D612C';
/** Luca Bianchi: an operator whose staff account carries his tax code. */
const OPERATOR_TAX_CODE = 'BNCLCU70B15D612F';
/** Not registered anywhere. */
const UNKNOWN_TAX_CODE = 'VRDGPP75C12H501H';
const ALL_TAX_CODES = [CITIZEN_TAX_CODE, OPERATOR_TAX_CODE, UNKNOWN_TAX_CODE];

// ---------------------------------------------------------------------------------------------
// A minimal browser: cookie jar (host + path, ignoring ports like browsers do) and manual redirects.

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  expires: number | null;
}

class CookieJar {
  cookies: StoredCookie[] = [];

  store(url: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';
      let expires: number | null = null;
      for (const attribute of attributes) {
        const [rawKey = '', ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const attrValue = rest.join('=').trim();
        if (key === 'path' && attrValue) path = attrValue;
        if (key === 'max-age') expires = Date.now() + Number(attrValue) * 1000;
        if (key === 'expires' && expires === null) expires = Date.parse(attrValue);
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === path));
      if (expires !== null && expires <= Date.now()) continue;
      this.cookies.push({ name, value, host: url.hostname, path, expires });
    }
  }

  header(url: URL): string {
    const now = Date.now();
    return this.cookies
      .filter((c) => c.host === url.hostname && pathMatches(url.pathname, c.path) && (c.expires === null || c.expires > now))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  get(name: string): StoredCookie | undefined {
    return this.cookies.find((c) => c.name === name);
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  return requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/');
}

interface Hop {
  url: string;
  status: number;
  location: string | null;
}

interface Navigation {
  /** The web-app page the browser ended on ('/', '/login?errore=…'), or null if it stopped elsewhere. */
  landing: string | null;
  status: number;
  hops: Hop[];
  body: string;
}

/**
 * Follows redirects like a browser until it leaves the API for the web app (which the test
 * server does not serve). `beforeRequest` may rewrite a URL (or the jar) just before it is fetched.
 */
async function navigate(
  jar: CookieJar,
  start: string,
  ponteOrigin: string,
  beforeRequest?: (url: URL, jar: CookieJar) => URL | Promise<URL>,
): Promise<Navigation> {
  const hops: Hop[] = [];
  let url = new URL(start);
  for (let i = 0; i < 20; i++) {
    if (beforeRequest) url = await beforeRequest(url, jar);
    const cookie = jar.header(url);
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(url, response);
    const location = response.headers.get('location');
    hops.push({ url: url.href, status: response.status, location });
    const body = await response.text();
    if (response.status < 300 || response.status >= 400 || !location) return { landing: null, status: response.status, hops, body };
    const next = new URL(location, url);
    if (next.origin === ponteOrigin && !next.pathname.startsWith('/api/')) {
      return { landing: next.pathname + next.search, status: response.status, hops, body };
    }
    url = next;
  }
  throw new Error(`Troppi reindirizzamenti: ${hops.map((h) => h.url).join(' → ')}`);
}

// ---------------------------------------------------------------------------------------------
// Ponte under test: a real HTTP server (Fastify with the same compilers as the real one) over PGlite.

interface Fixtures {
  jobCentreId: string;
  personId: string;
  operatorAccountId: string;
}

async function seed(handle: DatabaseHandle): Promise<Fixtures> {
  const { db } = handle;
  await db
    .insertInto('municipalities')
    .values({
      istat_code: '048017',
      belfiore_code: 'D612',
      name: 'Firenze',
      province_code: '048',
      province_name: 'Firenze',
      region_code: '09',
      region_name: 'Toscana',
      latitude: null,
      longitude: null,
    })
    .execute();
  const jobCentreId = newId();
  await db
    .insertInto('job_centres')
    .values({
      id: jobCentreId,
      code: 'CPI-FI',
      name: "Centro per l'Impiego di Firenze",
      agency_id: null,
      municipality_istat_code: '048017',
      province_code: '048',
      address: null,
      email: null,
      valid_from: '2020-01-01',
      valid_to: null,
    })
    .execute();
  const personId = newId();
  await db
    .insertInto('people')
    .values({
      id: personId,
      tax_code: CITIZEN_TAX_CODE,
      given_name: 'Maria',
      family_name: 'Rossi',
      birth_date: '1980-01-01',
      sex: 'F',
      residence_municipality_istat_code: '048017',
      residence_address: null,
      domicile_municipality_istat_code: null,
      domicile_address: null,
      job_centre_id: jobCentreId,
      email: null,
      phone: null,
      special_category_notes: null,
    })
    .execute();
  const operatorAccountId = newId();
  await db
    .insertInto('accounts')
    .values({
      id: operatorAccountId,
      username: 'luca.bianchi',
      display_name: 'Luca Bianchi',
      password_hash: null,
      role: 'operator',
      specialism: null,
      job_centre_id: jobCentreId,
      person_id: null,
      provider_id: null,
      tax_code: OPERATOR_TAX_CODE,
      locked_until: null,
    })
    .execute();
  return { jobCentreId, personId, operatorAccountId };
}

interface Scenario {
  origin: string;
  config: Config;
  app: App;
  provider: TestOidcProvider | null;
  database: DatabaseHandle;
  fixtures: Fixtures;
  logs: string[];
  logins: OidcLoginEvent[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** One in-memory database for the whole file (a PGlite instance is heavy); scenarios share it. */
let shared: { database: DatabaseHandle; fixtures: Fixtures } | null = null;

beforeAll(async () => {
  const database = await openDatabase({ engine: 'pglite', dataDir: null });
  await migrate(database.db);
  shared = { database, fixtures: await seed(database) };
}, SLOW);

afterAll(async () => {
  await shared?.database.close();
});

async function startScenario(oidc: { provider: { claimsParameter: boolean } } | { issuer: string } | null): Promise<Scenario> {
  if (!shared) throw new Error('database di prova non aperto');
  const { database, fixtures } = shared;

  // Our own server first, so the provider can be told the exact redirect URI (no port guessing).
  let dispatch: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (dispatch) dispatch(req, res);
    else res.writeHead(503).end();
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;

  let provider: TestOidcProvider | null = null;
  if (oidc && 'provider' in oidc) {
    provider = await startOidcProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${origin}/api/v1/auth/oidc/callback`,
      taxCode: CITIZEN_TAX_CODE,
      claimsParameter: oidc.provider.claimsParameter,
    });
  }
  const issuer = provider ? provider.issuer : oidc && 'issuer' in oidc ? oidc.issuer : undefined;
  const config = loadConfig({
    PORT: String(port),
    PONTE_PUBLIC_URL: origin,
    PONTE_DATA_DIR: 'var/non-usata',
    ...(issuer ? { PONTE_OIDC_ISSUER: issuer, PONTE_OIDC_CLIENT_ID: CLIENT_ID, PONTE_OIDC_CLIENT_SECRET: CLIENT_SECRET } : {}),
  });

  const logs: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
  const app = Fastify({
    loggerInstance: logger,
    serverFactory: (handler) => {
      dispatch = handler;
      return server;
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', (route) => {
    // Same rule as the real server: every /api route declares an access policy.
    if (route.url.startsWith('/api/') && !route.config?.policy) throw new Error(`${route.url} senza config.policy`);
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Problem) {
      return reply.code(error.status).type('application/problem+json; charset=utf-8').send(error.toBody());
    }
    return reply.code(500).send({ message: 'errore' });
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, { openapi: { openapi: '3.1.0', info: { title: 'prova', version: '0' } }, transform: jsonSchemaTransform });

  const logins: OidcLoginEvent[] = [];
  await registerOidcRoutes(app, {
    db: database.db,
    config,
    onLogin: async (event) => {
      logins.push(event);
    },
  });
  await app.ready();

  return {
    origin,
    config,
    app,
    provider,
    database,
    fixtures,
    logs,
    logins,
    async close() {
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await provider?.stop();
    },
  };
}

function logEntries(s: Scenario): Array<Record<string, unknown>> {
  return s.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
}

function failureReasons(s: Scenario): unknown[] {
  return logEntries(s)
    .filter((e) => e.msg === 'Accesso OIDC non riuscito')
    .map((e) => (e.oidc as Record<string, unknown>).reason);
}

function expectNoTaxCodeIn(text: string): void {
  for (const code of ALL_TAX_CODES) expect(text.toUpperCase()).not.toContain(code);
  expect(text).not.toContain('TINIT');
}

async function sessionCount(s: Scenario): Promise<number> {
  const row = await s.database.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------

describe('login OIDC contro un provider reale (fiscalNumber da userinfo)', () => {
  let s: Scenario;
  const loginUrl = () => `${s.origin}/api/v1/auth/oidc/login`;

  beforeAll(async () => {
    s = await startScenario({ provider: { claimsParameter: false } });
  }, SLOW);
  afterAll(async () => {
    await s?.close();
  }, SLOW);

  it(
    'percorre il flusso completo: crea l’account del cittadino collegato alla persona e apre la sessione',
    async () => {
      const jar = new CookieJar();
      const nav = await navigate(jar, loginUrl(), s.origin);
      expect(nav.landing, JSON.stringify(nav.hops, null, 1) + s.provider?.stderr()).toBe('/');

      // The authorization request: code + PKCE S256 + state + nonce, profile and the fiscalNumber scope the provider advertises.
      const authorize = new URL(nav.hops[0]?.location ?? '');
      expect(authorize.origin).toBe(s.provider?.issuer);
      expect(authorize.searchParams.get('response_type')).toBe('code');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(authorize.searchParams.get('state')).toBeTruthy();
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      expect(authorize.searchParams.get('scope')?.split(' ')).toEqual(['openid', 'profile', 'fiscalNumber']);
      expect(authorize.searchParams.get('redirect_uri')).toBe(`${s.origin}/api/v1/auth/oidc/callback`);
      expect(authorize.searchParams.has('claims')).toBe(false);
      // The real provider ran its interactions (login, consent) before coming back.
      expect(nav.hops.some((h) => new URL(h.url).pathname.startsWith('/interaction/'))).toBe(true);
      // Tax codes never travel in URLs, in either direction.
      for (const hop of nav.hops) expectNoTaxCodeIn(`${hop.url} ${hop.location ?? ''}`);

      expect(nav.hops.find((h) => new URL(h.url).pathname === '/api/v1/auth/oidc/callback')).toBeDefined();
      const token = jar.get(SESSION_COOKIE)?.value;
      expect(token).toBeTruthy();
      expect(jar.get(OIDC_STATE_COOKIE)).toBeUndefined(); // spent

      const account = await s.database.db.selectFrom('accounts').selectAll().where('person_id', '=', s.fixtures.personId).executeTakeFirstOrThrow();
      expect(account).toMatchObject({
        role: 'citizen',
        tax_code: CITIZEN_TAX_CODE,
        password_hash: null,
        username: `spid:${account.id}`,
        display_name: 'Maria Rossi',
        active: true,
      });
      const session = await s.database.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', hashToken(token ?? ''))
        .executeTakeFirstOrThrow();
      expect(session.account_id).toBe(account.id);
      expect(session.auth_method).toBe('oidc');
      expect(session.ip).toBe('127.0.0.1');

      expect(s.logins.at(-1)).toEqual({
        accountId: account.id,
        taxCode: CITIZEN_TAX_CODE,
        ip: '127.0.0.1',
        requestId: expect.any(String),
        personId: s.fixtures.personId,
        accountCreated: true,
      });
      const success = logEntries(s).find((e) => e.msg === 'Accesso OIDC riuscito');
      expect(success?.oidc).toEqual({ accountId: account.id, accountCreated: true, claimsSource: 'userinfo' });
    },
    SLOW,
  );

  it(
    'al secondo accesso riusa lo stesso account',
    async () => {
      const nav = await navigate(new CookieJar(), loginUrl(), s.origin);
      expect(nav.landing).toBe('/');
      const accounts = await s.database.db.selectFrom('accounts').select('id').where('person_id', '=', s.fixtures.personId).execute();
      expect(accounts).toHaveLength(1);
      expect(s.logins.at(-1)).toMatchObject({ accountId: accounts[0]?.id, accountCreated: false });
    },
    SLOW,
  );

  it(
    'un account che porta il codice fiscale (operatore) accede con quell’account',
    async () => {
      await s.provider?.setTaxCode(OPERATOR_TAX_CODE);
      try {
        const jar = new CookieJar();
        const nav = await navigate(jar, loginUrl(), s.origin);
        expect(nav.landing).toBe('/');
        const session = await s.database.db
          .selectFrom('sessions')
          .selectAll()
          .where('id', '=', hashToken(jar.get(SESSION_COOKIE)?.value ?? ''))
          .executeTakeFirstOrThrow();
        expect(session.account_id).toBe(s.fixtures.operatorAccountId);
      } finally {
        await s.provider?.setTaxCode(CITIZEN_TAX_CODE);
      }
    },
    SLOW,
  );

  it(
    'codice fiscale di una persona non registrata → /login?errore=oidc-sconosciuto, nessuna sessione',
    async () => {
      await s.provider?.setTaxCode(UNKNOWN_TAX_CODE);
      try {
        const before = await sessionCount(s);
        const accountsBefore = await s.database.db.selectFrom('accounts').select('id').execute();
        const jar = new CookieJar();
        const nav = await navigate(jar, loginUrl(), s.origin);
        expect(nav.landing).toBe('/login?errore=oidc-sconosciuto');
        expect(jar.get(SESSION_COOKIE)).toBeUndefined();
        expect(await sessionCount(s)).toBe(before);
        expect(await s.database.db.selectFrom('accounts').select('id').execute()).toHaveLength(accountsBefore.length);
      } finally {
        await s.provider?.setTaxCode(CITIZEN_TAX_CODE);
      }
    },
    SLOW,
  );

  it(
    'state alterato nel ritorno → /login?errore=oidc, nessuna sessione',
    async () => {
      const before = await sessionCount(s);
      const jar = new CookieJar();
      const nav = await navigate(jar, loginUrl(), s.origin, (url) => {
        if (url.pathname !== '/api/v1/auth/oidc/callback') return url;
        const tampered = new URL(url);
        tampered.searchParams.set('state', `${url.searchParams.get('state')}x`);
        return tampered;
      });
      expect(nav.landing).toBe('/login?errore=oidc');
      expect(jar.get(SESSION_COOKIE)).toBeUndefined();
      expect(await sessionCount(s)).toBe(before);
      const failure = logEntries(s).findLast((e) => e.msg === 'Accesso OIDC non riuscito');
      expect(failure?.oidc).toMatchObject({ reason: 'verifica-non-riuscita', message: expect.stringContaining('"state"') });
    },
    SLOW,
  );

  it(
    'cookie di stato alterato → /login?errore=oidc',
    async () => {
      const nav = await navigate(new CookieJar(), loginUrl(), s.origin, (url, jar) => {
        const cookie = jar.get(OIDC_STATE_COOKIE);
        if (url.pathname === '/api/v1/auth/oidc/callback' && cookie) {
          const flipped = cookie.value.at(-2) === 'A' ? 'B' : 'A';
          cookie.value = `${cookie.value.slice(0, -2)}${flipped}${cookie.value.slice(-1)}`;
        }
        return url;
      });
      expect(nav.landing).toBe('/login?errore=oidc');
      expect(failureReasons(s).at(-1)).toBe('stato-assente-o-non-valido');
    },
    SLOW,
  );

  it(
    'ritorno senza un accesso avviato (nessun cookie) → /login?errore=oidc',
    async () => {
      const nav = await navigate(new CookieJar(), `${s.origin}/api/v1/auth/oidc/callback?code=abc&state=def`, s.origin);
      expect(nav.landing).toBe('/login?errore=oidc');
      expect(failureReasons(s).at(-1)).toBe('stato-assente-o-non-valido');
    },
    SLOW,
  );

  it(
    'errore restituito dal fornitore (accesso negato) → /login?errore=oidc',
    async () => {
      const nav = await navigate(new CookieJar(), loginUrl(), s.origin, (url) => {
        if (url.pathname !== '/api/v1/auth/oidc/callback') return url;
        const denied = new URL(url);
        denied.search = new URLSearchParams({
          error: 'access_denied',
          state: url.searchParams.get('state') ?? '',
          iss: url.searchParams.get('iss') ?? '',
        }).toString();
        return denied;
      });
      expect(nav.landing).toBe('/login?errore=oidc');
      expect(failureReasons(s).at(-1)).toBe('errore-dal-fornitore');
    },
    SLOW,
  );

  it(
    'un codice già usato non apre una seconda sessione (anche ripresentando il cookie)',
    async () => {
      let callback: URL | null = null;
      let stateCookie: string | null = null;
      const first = await navigate(new CookieJar(), loginUrl(), s.origin, (url, jar) => {
        if (url.pathname === '/api/v1/auth/oidc/callback') {
          callback = url;
          stateCookie = jar.get(OIDC_STATE_COOKIE)?.value ?? null;
        }
        return url;
      });
      expect(first.landing).toBe('/');
      expect(callback).not.toBeNull();
      const before = await sessionCount(s);
      const replay = await fetch(callback as unknown as URL, { redirect: 'manual', headers: { cookie: `${OIDC_STATE_COOKIE}=${stateCookie}` } });
      expect(replay.status).toBe(302);
      expect(replay.headers.get('location')).toBe('/login?errore=oidc');
      expect(await sessionCount(s)).toBe(before);
      expect(failureReasons(s).at(-1)).toBe('risposta-del-fornitore-con-errore');
    },
    SLOW,
  );

  it(
    'fiscalNumber assente o malformato → /login?errore=oidc',
    async () => {
      try {
        await s.provider?.setFiscalNumber(null);
        expect((await navigate(new CookieJar(), loginUrl(), s.origin)).landing).toBe('/login?errore=oidc');
        expect(failureReasons(s).at(-1)).toBe('codice-fiscale-assente');
        await s.provider?.setFiscalNumber('TINIT-12345');
        expect((await navigate(new CookieJar(), loginUrl(), s.origin)).landing).toBe('/login?errore=oidc');
        expect(failureReasons(s).at(-1)).toBe('codice-fiscale-non-valido');
      } finally {
        await s.provider?.setTaxCode(CITIZEN_TAX_CODE);
      }
    },
    SLOW,
  );

  it('documenta le rotte in OpenAPI (tag Autenticazione, 302)', () => {
    const doc = s.app.swagger() as unknown as {
      paths: Record<string, Record<string, { tags: string[]; summary: string; responses: Record<string, { description: string }> }>>;
    };
    for (const path of ['/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback']) {
      const op = doc.paths[path]?.get;
      expect(op?.tags).toEqual(['Autenticazione']);
      expect(op?.summary).toMatch(/SPID/);
      expect(op?.responses['302']?.description).toMatch(/Reindirizzamento/);
    }
  });

  it('i log (livello trace) non contengono mai il codice fiscale', () => {
    if (process.env.OIDC_TEST_DUMP) console.log(s.logs.filter((l) => l.includes('OIDC')).join(''));
    expect(s.logs.length).toBeGreaterThan(20);
    expectNoTaxCodeIn(s.logs.join('\n'));
  });
});

describe('login OIDC con il parametro claims (fiscalNumber nell’ID token)', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await startScenario({ provider: { claimsParameter: true } });
  }, SLOW);
  afterAll(async () => {
    await s?.close();
  }, SLOW);

  it(
    'legge il codice fiscale dall’ID token',
    async () => {
      const jar = new CookieJar();
      const nav = await navigate(jar, `${s.origin}/api/v1/auth/oidc/login`, s.origin);
      expect(nav.landing, JSON.stringify(nav.hops, null, 1) + s.provider?.stderr()).toBe('/');
      const authorize = new URL(nav.hops[0]?.location ?? '');
      expect(JSON.parse(authorize.searchParams.get('claims') ?? '{}')).toEqual({
        id_token: { fiscalNumber: { essential: true } },
        userinfo: { fiscalNumber: { essential: true } },
      });
      expect(jar.get(SESSION_COOKIE)).toBeDefined();
      const success = logEntries(s).find((e) => e.msg === 'Accesso OIDC riuscito');
      expect(success?.oidc).toMatchObject({ accountCreated: false, claimsSource: 'id_token' }); // created by the previous suite
      const session = await s.database.db
        .selectFrom('sessions as se')
        .innerJoin('accounts as a', 'a.id', 'se.account_id')
        .select(['a.person_id', 'se.auth_method'])
        .where('se.id', '=', hashToken(jar.get(SESSION_COOKIE)?.value ?? ''))
        .executeTakeFirstOrThrow();
      expect(session).toEqual({ person_id: s.fixtures.personId, auth_method: 'oidc' });
      expectNoTaxCodeIn(s.logs.join('\n'));
    },
    SLOW,
  );
});

describe('login OIDC con il fornitore irraggiungibile o non configurato', () => {
  it(
    'fornitore irraggiungibile → /login?errore=oidc e motivo nei log',
    async () => {
      const s = await startScenario({ issuer: `http://127.0.0.1:${await closedPort()}` });
      try {
        const nav = await navigate(new CookieJar(), `${s.origin}/api/v1/auth/oidc/login`, s.origin);
        expect(nav.landing).toBe('/login?errore=oidc');
        const failure = logEntries(s).find((e) => e.msg === 'Accesso OIDC non riuscito');
        expect(failure?.oidc).toMatchObject({ step: 'avvio', reason: 'fornitore-non-raggiungibile' });
        expect(String((failure?.oidc as Record<string, unknown> | undefined)?.message)).toContain('non è raggiungibile');
      } finally {
        await s.close();
      }
    },
    SLOW,
  );

  it(
    'OIDC non configurato → 404 problem+json',
    async () => {
      const s = await startScenario(null);
      try {
        for (const path of ['/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback?code=a&state=b']) {
          const response = await fetch(`${s.origin}${path}`, { redirect: 'manual' });
          expect(response.status).toBe(404);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(((await response.json()) as { detail: string }).detail).toContain('non è configurato');
        }
      } finally {
        await s.close();
      }
    },
    SLOW,
  );
});

describe('pezzi del login OIDC', () => {
  it('normalizza fiscalNumber', () => {
    expect(normaliseTaxCode('TINIT-RSSMRA80A41D612C')).toBe('RSSMRA80A41D612C');
    expect(normaliseTaxCode(' tinit-rssmra80a41d612c ')).toBe('RSSMRA80A41D612C');
    expect(normaliseTaxCode('RSSMRA80A41D612C')).toBe('RSSMRA80A41D612C');
    expect(normaliseTaxCode('TINIT-RSSMRAURALSDMNPC')).toBe('RSSMRAURALSDMNPC'); // omocodia
    expect(normaliseTaxCode('TINIT-01234567890')).toBe('01234567890');
    expect(normaliseTaxCode('TINIT-12345')).toBeNull();
    expect(normaliseTaxCode('TINIT-RSSMRA80A41D612')).toBeNull();
    expect(normaliseTaxCode('XXIT-RSSMRA80A41D612C')).toBeNull();
    expect(normaliseTaxCode(12345678901)).toBeNull();
    expect(normaliseTaxCode(undefined)).toBeNull();
  });

  it('il cookie di stato è sigillato, a tempo e legato alla chiave', () => {
    const sealer = createStateSealer();
    const pending: PendingLogin = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43), createdAt: Date.now() };
    const sealed = sealer.seal(pending);
    expect(sealed).not.toContain('vvvv');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('vvvv'); // encrypted, not just signed
    expect(sealer.open(sealed)).toEqual(pending);
    expect(sealer.open(`${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`)).toBeNull();
    expect(sealer.open(sealed, pending.createdAt + 601_000)).toBeNull();
    expect(createStateSealer().open(sealed)).toBeNull();
    expect(sealer.open(undefined)).toBeNull();
    expect(sealer.open('non-base64-!!')).toBeNull();
  });

  it('accetta http solo per un emittente locale', () => {
    const base = { clientId: 'c', clientSecret: 's', label: 'SPID', redirectUri: 'https://ponte.example/api/v1/auth/oidc/callback' };
    expect(() => createOidcClient({ ...base, issuer: 'http://idp.example.it' })).toThrow(/https/);
    expect(() => createOidcClient({ ...base, issuer: 'http://localhost:8080' })).not.toThrow();
    expect(() => createOidcClient({ ...base, issuer: 'https://idp.example.it/oidc' })).not.toThrow();
  });
});
