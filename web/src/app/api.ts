/**
 * Small fetch wrapper for the Ponte API: same-origin cookies, CSRF header on state-changing requests,
 * errors turned into `ApiError` carrying the RFC 9457 problem the server sent.
 */

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  readonly status: number;
  /** True when the request never reached the server (offline, DNS, connection refused). */
  readonly network: boolean;

  constructor(problem: Problem, network = false) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.network = network;
  }

  /** The error message for one form field, if the server sent one. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`) || e.field === `/${field}`)?.message;
  }
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request comes back 401 (session expired or revoked). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not treat 401 as "session expired" (login and session probes). */
  expectUnauthorized?: boolean;
  /** Do not send the CSRF header (only the login POST). */
  noCsrf?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function readProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem> | null;
      if (body && typeof body === 'object') {
        return {
          ...body, // extension members, e.g. currentVersion and changedFields of a 409
          type: typeof body.type === 'string' ? body.type : undefined,
          title: typeof body.title === 'string' ? body.title : undefined,
          status: typeof body.status === 'number' ? body.status : res.status,
          detail: typeof body.detail === 'string' ? body.detail : undefined,
          errors: Array.isArray(body.errors) ? body.errors : undefined,
        };
      }
    } catch {
      // fall through: not parseable
    }
  }
  return { status: res.status };
}

export async function apiRequest<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && !opts.noCsrf && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError({ status: 0 }, true);
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !opts.expectUnauthorized) onUnauthorized?.();
    throw new ApiError(problem);
  }
  if (res.status === 204 || res.status === 205) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => apiRequest<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => apiRequest<T>('POST', path, body, opts),
};

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Sends one file as multipart/form-data, in the part named "file". `apiRequest` speaks JSON only, so this reads the
 * session's CSRF token from the session probe and sends the form itself; errors become ApiError like everywhere else.
 */
export async function uploadFile<T>(method: 'POST' | 'PUT', path: string, file: File): Promise<T> {
  const session = await api.get<{ csrfToken: string }>('/api/v1/auth/session');
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json', 'X-CSRF-Token': session.csrfToken },
    });
  } catch {
    throw new ApiError({ status: 0 }, true);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError({ ...body, status: res.status } as never);
  return body as unknown as T;
}
