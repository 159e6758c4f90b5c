import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { PUBLIC } from '../access/policy.ts';
import type { Config, OidcConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { problems } from '../http/problems.ts';
import type { App } from '../http/server.ts';
import { newId } from '../ids.ts';
import { scrubTaxCodes } from '../log.ts';
import { endSession, SESSION_COOKIE, setSessionCookie, startSession } from './sessions.ts';

/**
 * Login with SPID / CIE through an OpenID Connect provider (usually a regional gateway or a
 * federation proxy that speaks plain OIDC with a client secret: see docs/oidc.md).
 *
 * Flow: authorization code + PKCE (S256) + state + nonce. The three secrets live in a sealed,
 * short-lived cookie scoped to /api/v1/auth/oidc; the callback exchanges the code, reads the
 * tax code (`fiscalNumber`, "TINIT-<codice fiscale>") from the ID token or else from userinfo,
 * and maps it to an account. Tax codes never go into URLs or logs.
 */

export const OIDC_LOGIN_PATH = '/api/v1/auth/oidc/login';
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const OIDC_STATE_COOKIE = 'ponte_oidc';
const STATE_COOKIE_PATH = '/api/v1/auth/oidc';
export const OIDC_STATE_TTL_SECONDS = 600;
const DISCOVERY_TIMEOUT_SECONDS = 10;
const HTTP_TIMEOUT_SECONDS = 15;

/** Where the browser goes after the callback: the web app routes by role from '/'. */
export const OIDC_REDIRECTS = {
  success: '/',
  failure: '/login?errore=oidc',
  unknownPerson: '/login?errore=oidc-sconosciuto',
} as const;

/** Claim names that carry the tax code: SPID/CIE attribute name, snake_case variant, OIDC federation URI. */
export const TAX_CODE_CLAIMS = ['fiscalNumber', 'fiscal_number', 'https://attributes.eid.gov.it/fiscal_number'] as const;
/** Extra scopes some providers require to release it; requested only when advertised in discovery. */
const TAX_CODE_SCOPES = ['fiscalNumber', 'fiscal_number'] as const;

const PERSONAL_TAX_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
const NUMERIC_TAX_CODE = /^\d{11}$/;

/** The provider cannot be reached or its discovery document is unusable. The message names the issuer only. */
export class OidcUnavailableError extends Error {
  constructor(issuer: string, detail: string) {
    super(`Il fornitore di identità OpenID Connect ${issuer} non è raggiungibile o non risponde correttamente: ${detail}`);
    this.name = 'OidcUnavailableError';
  }
}

/** A login that cannot complete. `reason` is a fixed slug, safe to log (never contains personal data). */
export class OidcLoginError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'OidcLoginError';
    this.reason = reason;
  }
}

/** What the browser must bring back to the callback: kept in the sealed state cookie. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface OidcIdentity {
  /** The provider's `sub`: opaque, safe to log. */
  subject: string;
  /** Normalised tax code: 16-character personal code (upper case) or 11 digits. Never log it. */
  taxCode: string;
  /** Where the tax code was found. */
  source: 'id_token' | 'userinfo';
}

export interface OidcClient {
  readonly issuer: string;
  /** Discovers the provider on first use and caches the result; a failed discovery is retried on the next call. */
  configuration(): Promise<oidc.Configuration>;
  /** Builds the authorization request: redirect the browser to `url` and keep `pending` for the callback. */
  startLogin(): Promise<{ url: URL; pending: PendingLogin }>;
  /** Validates the authorization response (state, iss), redeems the code (PKCE), checks the ID token (nonce) and reads the tax code. */
  finishLogin(callbackUrl: URL, pending: PendingLogin): Promise<OidcIdentity>;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * The relying party for one provider. Discovery is lazy: the server starts even when the provider
 * is down, and the first login attempt reports it. Plain http is accepted only for a loopback issuer
 * (development and tests); anything else must be https.
 */
export function createOidcClient(config: OidcConfig): OidcClient {
  const issuerUrl = new URL(config.issuer);
  const insecure = issuerUrl.protocol === 'http:';
  if (insecure && !isLoopback(issuerUrl.hostname)) {
    throw new Error(`L'emittente OpenID Connect ${config.issuer} deve usare https: http è ammesso solo per localhost o 127.0.0.1.`);
  }
  if (issuerUrl.protocol !== 'http:' && issuerUrl.protocol !== 'https:') {
    throw new Error(`L'emittente OpenID Connect ${config.issuer} non è un URL http(s).`);
  }

  let cached: Promise<oidc.Configuration> | null = null;

  async function discover(): Promise<oidc.Configuration> {
    let discovered: oidc.Configuration;
    try {
      discovered = await oidc.discovery(issuerUrl, config.clientId, { client_secret: config.clientSecret }, undefined, {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: DISCOVERY_TIMEOUT_SECONDS,
      });
    } catch (error) {
      throw new OidcUnavailableError(config.issuer, describeCause(error));
    }
    const server = discovered.serverMetadata();
    if (!server.authorization_endpoint || !server.token_endpoint) {
      throw new OidcUnavailableError(config.issuer, 'il documento di discovery non indica authorization_endpoint e token_endpoint');
    }
    // OIDC's default is client_secret_basic; some gateways accept only client_secret_post.
    const methods = server.token_endpoint_auth_methods_supported;
    let auth: oidc.ClientAuth;
    if (!methods || methods.includes('client_secret_basic')) auth = oidc.ClientSecretBasic(config.clientSecret);
    else if (methods.includes('client_secret_post')) auth = oidc.ClientSecretPost(config.clientSecret);
    else {
      throw new OidcUnavailableError(
        config.issuer,
        `il fornitore non accetta client_secret_basic né client_secret_post (metodi dichiarati: ${methods.join(', ')})`,
      );
    }
    const configuration = new oidc.Configuration(server, config.clientId, { client_secret: config.clientSecret }, auth);
    if (insecure) oidc.allowInsecureRequests(configuration);
    configuration.timeout = HTTP_TIMEOUT_SECONDS;
    return configuration;
  }

  function configuration(): Promise<oidc.Configuration> {
    if (!cached) {
      cached = discover();
      cached.catch(() => {
        cached = null;
      });
    }
    return cached;
  }

  return {
    issuer: config.issuer,
    configuration,

    async startLogin() {
      const configuration_ = await configuration();
      const server = configuration_.serverMetadata();
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        createdAt: Date.now(),
      };
      const scopes = ['openid', 'profile', ...TAX_CODE_SCOPES.filter((s) => server.scopes_supported?.includes(s))];
      const parameters: Record<string, string> = {
        redirect_uri: config.redirectUri,
        response_type: 'code',
        scope: scopes.join(' '),
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      };
      if (server.claims_parameter_supported) {
        const advertised = TAX_CODE_CLAIMS.filter((c) => server.claims_supported?.includes(c));
        const names = advertised.length > 0 ? advertised : ['fiscalNumber'];
        const wanted = Object.fromEntries(names.map((name) => [name, { essential: true }]));
        parameters.claims = JSON.stringify({ id_token: wanted, userinfo: wanted });
      }
      return { url: oidc.buildAuthorizationUrl(configuration_, parameters), pending };
    },

    async finishLogin(callbackUrl, pending) {
      const configuration_ = await configuration();
      const tokens = await oidc.authorizationCodeGrant(configuration_, callbackUrl, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcLoginError('id-token-assente', "Il fornitore non ha restituito l'ID token.");
      let raw = findTaxCodeClaim(claims);
      let source: OidcIdentity['source'] = 'id_token';
      if (raw === undefined) {
        const userinfo = await oidc.fetchUserInfo(configuration_, tokens.access_token, claims.sub);
        raw = findTaxCodeClaim(userinfo);
        source = 'userinfo';
      }
      if (raw === undefined) {
        throw new OidcLoginError('codice-fiscale-assente', 'Il fornitore non ha rilasciato il codice fiscale (fiscalNumber).');
      }
      const taxCode = normaliseTaxCode(raw);
      if (!taxCode) throw new OidcLoginError('codice-fiscale-non-valido', 'Il codice fiscale rilasciato dal fornitore non ha un formato valido.');
      return { subject: claims.sub, taxCode, source };
    },
  };
}

function findTaxCodeClaim(claims: Record<string, unknown>): unknown {
  for (const name of TAX_CODE_CLAIMS) {
    const value = claims[name];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/**
 * "TINIT-RSSMRA80A01H501U" (SPID/CIE) → "RSSMRA80A01H501U". Accepts the bare code too.
 * Returns null unless the result is a 16-character personal tax code or an 11-digit numeric one.
 */
export function normaliseTaxCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw
    .trim()
    .toUpperCase()
    .replace(/^TINIT-/, '');
  return PERSONAL_TAX_CODE.test(code) || NUMERIC_TAX_CODE.test(code) ? code : null;
}

// ---------------------------------------------------------------------------------------------
// Sealed state cookie

const PendingLoginShape = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  createdAt: z.number().int(),
});
const SEAL_AAD = Buffer.from('ponte/oidc-login/v1');

export interface StateSealer {
  seal(pending: PendingLogin): string;
  /** The pending login, or null when the value is missing, tampered with, from another key, or older than the TTL. */
  open(value: string | undefined, now?: number): PendingLogin | null;
}

/**
 * AES-256-GCM: the cookie is both confidential (the PKCE verifier and nonce stay unreadable) and
 * authenticated (any change is rejected). The key is random per process unless one is given, so a
 * login must finish on the instance that started it and within its lifetime (see docs/oidc.md).
 */
export function createStateSealer(key: Buffer = randomBytes(32), ttlSeconds = OIDC_STATE_TTL_SECONDS): StateSealer {
  if (key.length !== 32) throw new Error('La chiave del cookie OIDC deve essere di 32 byte.');
  return {
    seal(pending) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(SEAL_AAD);
      const body = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(value, now = Date.now()) {
      if (!value || value.length > 2048) return null;
      try {
        const raw = Buffer.from(value, 'base64url');
        if (raw.length < 12 + 16 + 2) return null;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(SEAL_AAD);
        decipher.setAuthTag(raw.subarray(12, 28));
        const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        const parsed = PendingLoginShape.safeParse(JSON.parse(json));
        if (!parsed.success) return null;
        const age = now - parsed.data.createdAt;
        if (age < -60_000 || age > ttlSeconds * 1000) return null;
        return parsed.data;
      } catch {
        return null;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Account resolution

export type OidcAccountResolution =
  | { outcome: 'ok'; accountId: string; personId: string | null; created: boolean }
  | { outcome: 'inactive'; accountId: string }
  | { outcome: 'unknown' };

/**
 * Tax code → account: an account carrying that tax code (any role); else the person with that
 * tax code, through their citizen account, created on first access (no password, username
 * "spid:<id>"); else unknown (the person is not registered with the job centres).
 */
export async function resolveOidcAccount(db: Db, taxCode: string): Promise<OidcAccountResolution> {
  const byTaxCode = await db.selectFrom('accounts').select(['id', 'active', 'person_id']).where('tax_code', '=', taxCode).executeTakeFirst();
  if (byTaxCode) {
    return byTaxCode.active
      ? { outcome: 'ok', accountId: byTaxCode.id, personId: byTaxCode.person_id, created: false }
      : { outcome: 'inactive', accountId: byTaxCode.id };
  }
  const person = await db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('tax_code', '=', taxCode).executeTakeFirst();
  if (!person) return { outcome: 'unknown' };

  const linked = await db
    .selectFrom('accounts')
    .select(['id', 'active'])
    .where('person_id', '=', person.id)
    .where('role', '=', 'citizen')
    .orderBy('created_at')
    .executeTakeFirst();
  if (linked) {
    return linked.active ? { outcome: 'ok', accountId: linked.id, personId: person.id, created: false } : { outcome: 'inactive', accountId: linked.id };
  }

  const id = newId();
  const inserted = await db
    .insertInto('accounts')
    .values({
      id,
      username: `spid:${id}`,
      display_name: `${person.given_name} ${person.family_name}`.trim(),
      password_hash: null,
      role: 'citizen',
      person_id: person.id,
      tax_code: taxCode,
    })
    .onConflict((oc) => oc.column('tax_code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { outcome: 'ok', accountId: inserted.id, personId: person.id, created: true };
  // A concurrent callback for the same person created it first.
  const raced = await db.selectFrom('accounts').select(['id', 'active']).where('tax_code', '=', taxCode).executeTakeFirstOrThrow();
  return raced.active ? { outcome: 'ok', accountId: raced.id, personId: person.id, created: false } : { outcome: 'inactive', accountId: raced.id };
}

// ---------------------------------------------------------------------------------------------
// Routes

export interface OidcLoginEvent {
  accountId: string;
  /** For the audit trail only: never log it. */
  taxCode: string;
  ip: string | null;
  /** The callback request's id, for the audit trail's request context. */
  requestId: string;
  personId: string | null;
  /** True when this login created the citizen account. */
  accountCreated: boolean;
}

export interface OidcRouteDeps {
  db: Db;
  config: Pick<Config, 'oidc' | 'session' | 'secureCookies' | 'publicUrl'>;
  /** Called after the session row is written; if it throws, the session is revoked and the login fails. */
  onLogin?: (event: OidcLoginEvent) => Promise<void>;
  /** 32-byte key for the state cookie. Default: random per process (a login must finish on the same instance). */
  stateKey?: Buffer;
  /** Replaces the client built from config.oidc (tests). */
  client?: OidcClient;
}

const redirectSchema = (description: string) => ({ 302: z.null().describe(description) });

const CallbackQuery = z.looseObject({
  code: z.string().max(2048).optional(),
  state: z.string().max(2048).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

export async function registerOidcRoutes(app: App, deps: OidcRouteDeps): Promise<void> {
  const { db, config } = deps;
  const client = deps.client ?? (config.oidc ? createOidcClient(config.oidc) : null);
  const sealer = createStateSealer(deps.stateKey);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    path: STATE_COOKIE_PATH,
  };

  function notConfigured(): never {
    throw problems.notFound("L'accesso con SPID / CIE (OpenID Connect) non è configurato su questa installazione.");
  }

  app.get(OIDC_LOGIN_PATH, {
    config: { policy: PUBLIC },
    schema: {
      tags: ['Autenticazione'],
      summary: 'Accesso con SPID / CIE: avvio',
      description:
        'Reindirizza il browser al fornitore di identità OpenID Connect (SPID / CIE) con una richiesta authorization code + PKCE. Lo stato della richiesta resta in un cookie protetto valido 10 minuti. Risponde 404 se OpenID Connect non è configurato.',
      response: redirectSchema('Reindirizzamento al fornitore di identità (intestazione Location)'),
    },
    handler: async (request, reply) => {
      if (!client) notConfigured();
      reply.header('Cache-Control', 'no-store');
      try {
        const { url, pending } = await client.startLogin();
        reply.setCookie(OIDC_STATE_COOKIE, sealer.seal(pending), { ...cookieOptions, maxAge: OIDC_STATE_TTL_SECONDS });
        return reply.redirect(url.href, 302);
      } catch (error) {
        logFailure(request.log, 'avvio', error);
        return reply.redirect(OIDC_REDIRECTS.failure, 302);
      }
    },
  });

  app.get(OIDC_CALLBACK_PATH, {
    config: { policy: PUBLIC },
    schema: {
      tags: ['Autenticazione'],
      summary: 'Accesso con SPID / CIE: ritorno dal fornitore',
      description:
        "Indirizzo di ritorno (redirect URI) registrato presso il fornitore di identità. Verifica state, nonce e PKCE, ottiene il codice fiscale (attributo fiscalNumber), apre la sessione e reindirizza a '/'. In caso di errore reindirizza a /login?errore=oidc, o a /login?errore=oidc-sconosciuto se la persona non è registrata presso i Centri per l'Impiego.",
      querystring: CallbackQuery,
      response: redirectSchema("Reindirizzamento all'applicazione: '/' se l'accesso è riuscito, altrimenti /login?errore=…"),
    },
    handler: async (request, reply) => {
      if (!client || !config.oidc) notConfigured();
      reply.header('Cache-Control', 'no-store');
      // Single use: whatever happens, the state cookie is spent.
      const pending = sealer.open(request.cookies[OIDC_STATE_COOKIE]);
      reply.clearCookie(OIDC_STATE_COOKIE, cookieOptions);
      try {
        if (!pending) {
          throw new OidcLoginError('stato-assente-o-non-valido', 'Cookie di stato assente, scaduto o alterato.');
        }
        // The redirect URI the provider saw, with the response parameters: independent of proxies in front of Ponte.
        const callbackUrl = new URL(config.oidc.redirectUri);
        const queryStart = request.url.indexOf('?');
        callbackUrl.search = queryStart >= 0 ? request.url.slice(queryStart) : '';

        const identity = await client.finishLogin(callbackUrl, pending);
        const resolution = await resolveOidcAccount(db, identity.taxCode);
        if (resolution.outcome === 'unknown') {
          request.log.warn({ oidc: { subject: identity.subject } }, 'Accesso OIDC: nessuna persona registrata con il codice fiscale ricevuto');
          return reply.redirect(OIDC_REDIRECTS.unknownPerson, 302);
        }
        if (resolution.outcome === 'inactive') {
          request.log.warn({ oidc: { accountId: resolution.accountId } }, 'Accesso OIDC rifiutato: account disattivato');
          return reply.redirect(OIDC_REDIRECTS.failure, 302);
        }

        const previous = request.cookies[SESSION_COOKIE];
        if (previous) await endSession(db, previous);
        const ip = request.ip ?? null;
        const userAgent = request.headers['user-agent'] ?? null;
        const session = await startSession(db, config, resolution.accountId, 'oidc', { ip, userAgent });
        if (deps.onLogin) {
          try {
            await deps.onLogin({
              accountId: resolution.accountId,
              taxCode: identity.taxCode,
              ip,
              requestId: String(request.id),
              personId: resolution.personId,
              accountCreated: resolution.created,
            });
          } catch (error) {
            await endSession(db, session.token);
            throw error;
          }
        }
        setSessionCookie(reply, config, session);
        request.log.info(
          { oidc: { accountId: resolution.accountId, accountCreated: resolution.created, claimsSource: identity.source } },
          'Accesso OIDC riuscito',
        );
        return reply.redirect(OIDC_REDIRECTS.success, 302);
      } catch (error) {
        logFailure(request.log, 'ritorno', error);
        return reply.redirect(OIDC_REDIRECTS.failure, 302);
      }
    },
  });
}

/** Logs why a login failed with fixed fields only: never the error object (it may carry response bodies with claims). */
function logFailure(log: FastifyBaseLogger, step: 'avvio' | 'ritorno', error: unknown): void {
  const details = describeFailure(error);
  const level = details.reason === 'errore-imprevisto' ? 'error' : 'warn';
  log[level]({ oidc: { step, ...details } }, 'Accesso OIDC non riuscito');
}

function describeFailure(error: unknown): Record<string, string | number> {
  if (error instanceof OidcLoginError) return { reason: error.reason };
  if (error instanceof OidcUnavailableError) return { reason: 'fornitore-non-raggiungibile', message: scrubTaxCodes(error.message) };
  if (error instanceof oidc.AuthorizationResponseError) return { reason: 'errore-dal-fornitore', error: clip(error.error) };
  if (error instanceof oidc.ResponseBodyError) return { reason: 'risposta-del-fornitore-con-errore', error: clip(error.error), status: error.status };
  if (error instanceof oidc.WWWAuthenticateChallengeError) return { reason: 'userinfo-rifiutata', status: error.status };
  if (error instanceof oidc.ClientError) {
    // Messages name the failed check (e.g. 'unexpected "state" response parameter value'), never claim values.
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { reason: 'verifica-non-riuscita', code: clip(error.code ?? ''), message: clip(scrubTaxCodes(`${error.message}${cause}`), 300) };
  }
  if (error instanceof Error) {
    return { reason: 'errore-imprevisto', name: clip(error.name), message: clip(scrubTaxCodes(error.message), 300), stack: scrubTaxCodes(error.stack ?? '') };
  }
  return { reason: 'errore-imprevisto' };
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return clip(`${error.message}${cause}`, 300);
  }
  return 'errore sconosciuto';
}

function clip(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
