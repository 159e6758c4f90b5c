import { checkIsoDate, endDateOrNull, firstProblem } from '../../organisation/index.ts';

export interface Validity {
  validFrom: string;
  validTo: string | null;
}

/** `data_inizio` / `data_fine` of the ministerial tables: ISO dates, empty or 2999-01-01 end = still valid. */
export function checkValidity(from: string, to: string): { validity: Validity } | { reject: string } {
  const problem = firstProblem(checkIsoDate(from, 'data_inizio'), to === '' ? null : checkIsoDate(to, 'data_fine'));
  if (problem) return { reject: problem };
  const validTo = endDateOrNull(to);
  if (validTo !== null && validTo < from) return { reject: `data_fine ${validTo} precedente alla data_inizio ${from}` };
  return { validity: { validFrom: from, validTo } };
}
