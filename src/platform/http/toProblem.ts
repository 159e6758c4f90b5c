import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { BODY_LIMIT_BYTES } from './constants.ts';
import { type FieldError, Problem, problems } from './problems.ts';

/** Turns anything thrown while handling a request into a catalogued problem. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof Problem) return error;
  if (isResponseSerializationError(error as Error)) return problems.internal();
  if (hasZodFastifySchemaValidationErrors(error as Error)) {
    const fe = error as FastifyError & {
      validation: Array<{ instancePath: string; message?: string; params?: { issue?: { path?: PropertyKey[] } } | Record<string, unknown> }>;
      validationContext?: string;
    };
    const where = fe.validationContext ?? 'body';
    const errors: FieldError[] = fe.validation.map((v) => {
      const issuePath = (v.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path;
      const path = issuePath?.map(String).join('.') || v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { field: where === 'body' ? path || '(corpo)' : `${where}.${path}`, message: v.message ?? 'valore non valido' };
    });
    return problems.validation(errors);
  }
  const fe = error as Partial<FastifyError>;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problems.payloadTooLarge(BODY_LIMIT_BYTES);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problems.unsupportedMediaType(String(request.headers['content-type'] ?? ''));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problems.badRequest('Il corpo della richiesta non è un JSON valido.');
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return problems.payloadTooLarge(BODY_LIMIT_BYTES);
  if (status === 415) return problems.unsupportedMediaType(String(request.headers['content-type'] ?? ''));
  if (status === 404) return problems.notFound();
  if (status >= 400 && status < 500) return problems.badRequest("La richiesta non può essere elaborata così com'è.");
  return problems.internal();
}
