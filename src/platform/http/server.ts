import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RequestContext } from '../access/actor.ts';
import { allows, describePolicy, type RoutePolicy } from '../access/policy.ts';
import type { AuditTrail } from '../audit/trail.ts';
import { loadActor, verifyCsrf } from '../auth/actorFromSession.ts';
import type { Config } from '../config.ts';
import type { Db, Engine } from '../db/database.ts';
import { newId } from '../ids.ts';
import { scrubTaxCodes } from '../log.ts';
import { API_PREFIX, BODY_LIMIT_BYTES } from './constants.ts';
import { finaliseOpenApi, OPENAPI_COMPONENTS, OPENAPI_INFO } from './openapi.ts';
import { Problem, problems } from './problems.ts';
import { toProblem } from './toProblem.ts';

z.config(z.locales.it());

export { API_PREFIX, BODY_LIMIT_BYTES };

const WEB_DIST = join(import.meta.dirname, '../../../web/dist');
const REQUEST_ID = /^[A-Za-z0-9._-]{8,80}$/;

export interface AppDeps {
  config: Config;
  db: Db;
  engine: Engine;
  logger: Logger;
  audit: AuditTrail;
}

export type App = FastifyInstance<import('node:http').Server, import('node:http').IncomingMessage, import('node:http').ServerResponse, Logger, ZodTypeProvider>;

export interface RouteEntry {
  method: string;
  url: string;
  policy: RoutePolicy | undefined;
}

export function requestContext(request: FastifyRequest): RequestContext {
  return { ip: request.ip ?? null, requestId: String(request.id) };
}

/** Builds the HTTP server: platform plugins, policy enforcement, problem+json errors; modules add their routes. */
export async function createServer(deps: AppDeps, registerRoutes: (app: App) => Promise<void>): Promise<{ app: App; routes: RouteEntry[] }> {
  const { config, db } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.publicUrl.startsWith('https://'),
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  // The API speaks JSON only: anything else is 415, not a string handed to validation.
  app.removeContentTypeParser('text/plain');

  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // The API reference pages are public documentation.
    if (route.url.startsWith(`${API_PREFIX}/docs`) && !route.config?.policy) route.config = { ...route.config, policy: { access: 'public' } };
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const policy = route.config?.policy;
      if (route.url.startsWith(API_PREFIX) && !policy) {
        throw new Error(`La rotta ${method} ${route.url} non dichiara una politica di accesso (config.policy)`);
      }
      routes.push({ method, url: route.url, policy });
    }
    if (route.url.startsWith(API_PREFIX) && route.config?.policy) {
      const open = route.config.policy.access === 'public';
      const writes = methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
      const summary = (route.schema as { summary?: string } | undefined)?.summary;
      route.schema = {
        ...(route.schema ?? {}),
        description: [summary && `${summary}.`, describePolicy(route.config.policy)].filter(Boolean).join(' '),
        security: open ? [] : [writes ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }],
      } as typeof route.schema;
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => problems.tooManyRequests(Math.max(1, Math.ceil(ctx.ttl / 1000))),
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', String(request.id));
    if (!request.url.startsWith(API_PREFIX)) return;
    reply.header('Cache-Control', 'no-store');
    const path = request.url.split('?')[0] ?? '';
    if (/[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]/i.test(safeDecode(path))) {
      throw problems.badRequest("I codici fiscali non possono comparire nell'indirizzo: inviateli nel corpo della richiesta.");
    }
    request.actor = await loadActor(db, config, request);
    const policy = request.routeOptions.config?.policy;
    if (!policy) return; // unknown route: the not-found handler answers
    const verdict = allows(policy, request.actor);
    if (verdict === 'unauthenticated') throw problems.unauthenticated();
    if (verdict === 'forbidden') throw problems.forbidden();
    if (request.actor && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      verifyCsrf(request);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'errore non gestito');
    else request.log.info({ problem: problem.slug, status: problem.status }, 'richiesta rifiutata');
    return reply
      .code(problem.status)
      .headers(problem.headers)
      .type('application/problem+json; charset=utf-8')
      .send(problem.toBody(scrubTaxCodes(request.url.split('?')[0] ?? '')));
  });

  await app.register(fastifySwagger, {
    openapi: { openapi: '3.1.0', info: OPENAPI_INFO, components: OPENAPI_COMPONENTS as never },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) =>
      finaliseOpenApi(('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as never),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/v1/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });

  await registerRoutes(app);

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, maxAge: '1h' });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && !path.startsWith('/api/') && existsSync(join(WEB_DIST, 'index.html'))) {
      reply.header('Cache-Control', 'no-cache');
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const allowed = allowedMethods(routes, path);
    throw allowed.length > 0 ? problems.methodNotAllowed(request.method, allowed) : problems.routeNotFound(request.method, scrubTaxCodes(path));
  });

  return { app, routes };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function patternToRegex(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

function allowedMethods(routes: RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) if (patternToRegex(r.url).test(path)) methods.add(r.method);
  return [...methods].sort();
}

export { Problem };
