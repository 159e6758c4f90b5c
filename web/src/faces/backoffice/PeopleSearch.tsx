import { Button } from 'design-react-kit';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiError, api } from '../../app/api.ts';
import { PATHS } from '../../app/roles.ts';
import { useAccount } from '../../app/session.tsx';
import type { PeopleSearchResult } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ClassificationPicker, type PickedItem } from '../../ui/ClassificationPicker.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { asApiError } from '../../ui/problem.ts';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * The last search, kept in memory only (never in the URL or in browser storage, since it may be a
 * tax code), so that coming back from a person's record shows the same results.
 */
let lastSearch: { accountId: string; text: string; status: string; occupation: PickedItem | null; result: PeopleSearchResult | null } = {
  accountId: '',
  text: '',
  status: '',
  occupation: null,
  result: null,
};

const STATES = ['unemployed', 'at-risk', 'suspended', 'employed-keeping', 'pending', 'lost', 'not-registered'] as const;

export function PeopleSearch() {
  const { t, tx, formatDate } = useI18n();
  const account = useAccount();
  // Another account in the same tab never sees the previous user's search.
  if (lastSearch.accountId !== account.id) lastSearch = { accountId: account.id, text: '', status: '', occupation: null, result: null };
  const [text, setText] = useState(lastSearch.text);
  const [status, setStatus] = useState(lastSearch.status);
  const [occupation, setOccupation] = useState<PickedItem | null>(lastSearch.occupation);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<PeopleSearchResult | null>(lastSearch.result);
  const [searching, setSearching] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = text.trim();
    setError(null);
    if (q.length < 2 && !(q.length === 0 && (status || occupation))) {
      setFieldError(status ? t('ops.searchMin') : t('ops.searchMinOrStatus'));
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    setSearching(true);
    try {
      const res = await api.post<PeopleSearchResult>('/api/v1/people/search', {
        ...(q ? { text: q } : {}),
        ...(status ? { status } : {}),
        ...(occupation ? { occupation: occupation.code } : {}),
      });
      setResult(res);
      lastSearch = { accountId: account.id, text, status, occupation, result: res };
    } catch (err) {
      const apiErr = asApiError(err);
      setError(apiErr);
      setFieldError(apiErr.fieldError('text'));
      // Results of an earlier search would read as the answer to this one.
      setResult(null);
      lastSearch = { accountId: account.id, text, status, occupation, result: null };
    } finally {
      setSearching(false);
    }
  };

  const summary = result
    ? result.items.length === 0
      ? t('ops.noResults')
      : result.total > result.items.length
        ? t('ops.resultsPartial', { shown: result.items.length, total: result.total })
        : result.total === 1
          ? t('ops.resultsOne')
          : t('ops.resultsMany', { count: result.total })
    : '';

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is not in React 18's typings; role="search" is equivalent */}
      <form onSubmit={(e) => void onSubmit(e)} noValidate role="search" className="mb-3 pt-4">
        <div className="row g-3 align-items-start">
          <div className="col-12 col-md-8 col-lg-6">
            <TextField
              id="people-search-text"
              name="text"
              type="search"
              label={t('ops.searchLabel')}
              value={text}
              onValue={setText}
              error={fieldError}
              help={t('ops.searchHelp')}
              autoComplete="off"
              spellCheck={false}
              inputRef={inputRef}
              wrapperClassName="mb-0"
            />
          </div>
          <div className="col-12 col-md-4 col-lg-3">
            <div className="select-wrapper">
              <label htmlFor="people-search-status">{t('ops.statusFilter')}</label>
              <select id="people-search-status" value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">{t('ops.statusAny')}</option>
                {STATES.map((s) => (
                  <option key={s} value={s}>
                    {tx(`status.state.${s}`, s)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-12 col-md-8 col-lg-6 pt-2">
            <ClassificationPicker
              id="people-search-occupation"
              kind="occupation"
              label={t('profile.search.occupation')}
              value={occupation}
              onChange={setOccupation}
              help={t('profile.search.occupationHelp')}
              error={error?.fieldError('occupation')}
              testId="people-search-occupation"
            />
          </div>
          <div className="col-12 col-md-4 col-lg-3 pt-md-3">
            <Button color="primary" type="submit" disabled={searching}>
              {searching ? t('ops.searching') : t('ops.searchSubmit')}
            </Button>
          </div>
        </div>
      </form>

      {searching && <Loading label={t('ops.searching')} />}
      {error && !searching && <ProblemAlert error={error} />}

      <div aria-live="polite" className="mb-2" data-testid="people-results-summary">
        {result && !searching && <p className="mb-2">{summary}</p>}
      </div>
      {result && result.items.length > 0 && (
        <ScrollTable caption={t('ops.resultsCaption')} testId="people-results">
          <thead>
            <tr>
              <th scope="col">{t('ops.colName')}</th>
              <th scope="col">{t('ops.colBirthDate')}</th>
              <th scope="col">{t('ops.colJobCentre')}</th>
              <th scope="col">{t('ops.colStatus')}</th>
              <th scope="col">{t('ops.colFlags')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={PATHS.person(p.id)}>
                    {p.givenName} {p.familyName}
                  </Link>
                </th>
                <td>{p.birthDate ? formatDate(p.birthDate) : t('common.none')}</td>
                <td>{p.jobCentreName ?? t('common.none')}</td>
                <td>{p.status ? tx(`status.state.${p.status}`, p.status) : t('common.none')}</td>
                <td>
                  {p.flags.length === 0
                    ? t('common.none')
                    : p.flags.map((f) => (
                        <span key={f} className="ponte-flag me-1">
                          {tx(`flag.${f}`, f)}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}
