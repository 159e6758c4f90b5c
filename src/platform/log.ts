import pino, { type DestinationStream, type Logger } from 'pino';

/** Tax codes (16-char personal, with omocodia letters) never reach the logs, wherever they appear. */
const TAX_CODE = /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi;
export const REDACTED_TAX_CODE = '[CODICE-FISCALE]';

export function scrubTaxCodes(text: string): string {
  return text.replace(TAX_CODE, REDACTED_TAX_CODE);
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubTaxCodes(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: scrubTaxCodes(value.message), stack: value.stack && scrubTaxCodes(value.stack) };
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // e.g. Fastify's request: its serializer scrubs it
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.taxCode'],
        censor: '[RISERVATO]',
      },
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({
          method: req.method,
          url: req.url ? scrubTaxCodes(req.url) : req.url,
          ip: req.ip,
          id: req.id,
        }),
      },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubTaxCodes(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
