import { ApiError } from '../app/api.ts';
import type { TFunction } from '../i18n/index.tsx';

/** What to tell the user about a failed request: the server's Italian `detail` first. */
export function problemMessage(err: ApiError, t: TFunction): string {
  if (err.network) return t('common.networkError');
  return err.problem.detail ?? err.problem.title ?? t('common.genericError', { status: err.status });
}

/** Any failure of a request as an ApiError: what is not one (a network failure, a bug) counts as a network error. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError({ status: 0 }, true);
}
