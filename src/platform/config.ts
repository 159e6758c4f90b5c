import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration, read from the environment and validated at boot: each wrong or missing
 * setting gets its own message, and the process refuses to start.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'deve essere true o false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'deve essere un URL postgres://utente:password@host:porta/database' })
    .optional(),
  PONTE_DATA_DIR: z.string().min(1).default('var/data'),
  PONTE_DEMO: bool.optional(),
  PORT: z.coerce.number({ message: 'deve essere un numero di porta' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PONTE_PUBLIC_URL: z.url({ message: 'deve essere un URL completo, es. https://ponte.arti.toscana.it' }).optional(),
  PONTE_SESSION_HOURS: z.coerce.number().positive().max(24).default(8),
  PONTE_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().max(240).default(30),
  PONTE_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  PONTE_LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  PONTE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  PONTE_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  PONTE_CV_MAX_MB: z.coerce.number({ message: 'deve essere un numero di MB' }).positive().max(50).default(5),
  PONTE_AUDIT_HEADS_FILE: z.string().min(1).optional(),
  PONTE_SHARED_DATA_DIR: z.string().min(1).optional(),
  PONTE_OIDC_ISSUER: z.url({ message: "deve essere l'URL dell'emittente OpenID Connect" }).optional(),
  PONTE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PONTE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  PONTE_OIDC_LABEL: z.string().min(1).default('Entra con SPID / CIE'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const OIDC_KEYS = ['PONTE_OIDC_ISSUER', 'PONTE_OIDC_CLIENT_ID', 'PONTE_OIDC_CLIENT_SECRET'] as const;

/** OpenID Connect is all or nothing: checked on the raw environment so it is reported with the other errors. */
function oidcProblems(env: Record<string, string | undefined>): string[] {
  const set = OIDC_KEYS.filter((k) => env[k]);
  if (set.length === 0 || set.length === OIDC_KEYS.length) return [];
  return OIDC_KEYS.filter((k) => !env[k]).map((k) => `${k}: obbligatoria quando è configurato OpenID Connect`);
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
  redirectUri: string;
}

export interface Config {
  database: { engine: 'postgres'; url: string } | { engine: 'pglite'; dataDir: string };
  demo: boolean;
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  session: { maxHours: number; idleMinutes: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  rateLimitPerMinute: number;
  /** Largest CV (PDF) a person may upload, in bytes. */
  cvMaxBytes: number;
  auditHeadsFile: string;
  sharedDataDir: string | null;
  oidc: OidcConfig | null;
  logLevel: string;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Configurazione non valida:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(ambiente)'}: ${i.message}`)), ...oidcProblems(cleaned)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const database = e.DATABASE_URL
    ? ({ engine: 'postgres', url: e.DATABASE_URL } as const)
    : ({ engine: 'pglite', dataDir: resolve(e.PONTE_DATA_DIR) } as const);
  // Demo data (accounts with known passwords) only on the embedded default or when explicitly asked.
  const demo = e.PONTE_DEMO ?? database.engine === 'pglite';
  const publicUrl = (e.PONTE_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const sharedDefault = resolve('../shared/data');
  const sharedDataDir = e.PONTE_SHARED_DATA_DIR ? resolve(e.PONTE_SHARED_DATA_DIR) : existsSync(sharedDefault) ? sharedDefault : null;
  return {
    database,
    demo,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    session: { maxHours: e.PONTE_SESSION_HOURS, idleMinutes: e.PONTE_SESSION_IDLE_MINUTES },
    login: {
      maxFailures: e.PONTE_LOGIN_MAX_FAILURES,
      lockMinutes: e.PONTE_LOGIN_LOCK_MINUTES,
      ratePerMinute: e.PONTE_LOGIN_RATE_LIMIT_PER_MINUTE,
    },
    rateLimitPerMinute: e.PONTE_RATE_LIMIT_PER_MINUTE,
    cvMaxBytes: Math.round(e.PONTE_CV_MAX_MB * 1024 * 1024),
    auditHeadsFile: resolve(e.PONTE_AUDIT_HEADS_FILE ?? (database.engine === 'pglite' ? `${database.dataDir}-audit-heads.jsonl` : 'var/audit-heads.jsonl')),
    sharedDataDir,
    oidc:
      e.PONTE_OIDC_ISSUER && e.PONTE_OIDC_CLIENT_ID && e.PONTE_OIDC_CLIENT_SECRET
        ? {
            issuer: e.PONTE_OIDC_ISSUER,
            clientId: e.PONTE_OIDC_CLIENT_ID,
            clientSecret: e.PONTE_OIDC_CLIENT_SECRET,
            label: e.PONTE_OIDC_LABEL,
            redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`,
          }
        : null,
    logLevel: e.LOG_LEVEL,
  };
}
