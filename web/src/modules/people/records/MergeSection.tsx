import { Alert, Button, Card, CardBody } from 'design-react-kit';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { type ApiError, api } from '../../../app/api.ts';
import { REGISTRAR_ACCESS } from '../../../app/roles.ts';
import { useAccount } from '../../../app/session.tsx';
import type { PersonSummary, StaffPersonDetail } from '../../../app/types.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { ProblemAlert } from '../../../ui/ProblemAlert.tsx';
import { asApiError } from '../../../ui/problem.ts';
import { ScrollTable } from '../../../ui/ScrollTable.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { useApiGet } from '../../../ui/useApi.ts';
import { CheckField, TextAreaField } from '../fields.tsx';

interface MergePerson {
  id: string;
  givenName: string;
  familyName: string;
  taxCode: string;
  birthDate: string;
}

interface MergeItem {
  mergeId: string;
  role: 'survivor' | 'merged';
  survivor: MergePerson | null;
  merged: MergePerson | null;
  reason: string;
  mergedAt: string;
  mergedBy: string | null;
  moved: Record<string, number>;
  revertedAt: string | null;
  revertedBy: string | null;
  revertReason: string | null;
}

const personPath = (id: string) => `/api/v1/people/${encodeURIComponent(id)}`;

type CompareField = 'taxCode' | 'familyName' | 'givenName' | 'birthDate' | 'sex' | 'residence' | 'jobCentre' | 'email' | 'phone';
const COMPARE: CompareField[] = ['taxCode', 'familyName', 'givenName', 'birthDate', 'sex', 'residence', 'jobCentre', 'email', 'phone'];

/** Case-file section: merge a duplicate record into this one, and revert a merge (back office, caseworkers only). */
export function MergeSection({ personId }: { personId: string }) {
  const account = useAccount();
  if (!REGISTRAR_ACCESS.includes(account.role)) return null;
  return <MergeSectionBody personId={personId} />;
}

function MergeSectionBody({ personId }: { personId: string }) {
  const { t, tx, formatDate, formatDateTime } = useI18n();
  const merges = useApiGet<{ items: MergeItem[] }>(`${personPath(personId)}/merges`);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | undefined>();
  const [results, setResults] = useState<PersonSummary[] | undefined>();
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<ApiError | undefined>();
  const [candidate, setCandidate] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<{ reason?: string; confirm?: string }>({});
  const [submitting, setSubmitting] = useState(false);
  const [mergeError, setMergeError] = useState<ApiError | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [reverting, setReverting] = useState<string | null>(null);
  const [revertReason, setRevertReason] = useState('');
  const [revertError, setRevertError] = useState<string | undefined>();
  const [revertApiError, setRevertApiError] = useState<ApiError | undefined>();
  const noticeRef = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const current = useApiGet<StaffPersonDetail>(candidate ? personPath(personId) : null);
  const duplicate = useApiGet<StaffPersonDetail>(candidate ? personPath(candidate) : null);

  const announce = (message: string) => {
    setNotice(message);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const onSearch = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setNotice(undefined);
    if (text.trim().length < 2) {
      setTextError(t('merge.searchError'));
      searchRef.current?.focus();
      return;
    }
    setTextError(undefined);
    setSearching(true);
    setSearchError(undefined);
    try {
      const body = await api.post<{ items: PersonSummary[] }>('/api/v1/people/search', { text: text.trim(), limit: 20 });
      setResults(body.items.filter((p) => p.id !== personId));
    } catch (err) {
      setSearchError(asApiError(err));
    } finally {
      setSearching(false);
    }
  };

  const choose = (id: string) => {
    setCandidate(id);
    setReason('');
    setConfirmed(false);
    setErrors({});
    setMergeError(undefined);
  };

  const onMerge = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const next: { reason?: string; confirm?: string } = {};
    if (reason.trim().length < 10) next.reason = t('merge.reasonError');
    if (!confirmed) next.confirm = t('merge.confirmError');
    setErrors(next);
    if (next.reason) return reasonRef.current?.focus();
    if (next.confirm) return confirmRef.current?.focus();
    if (!candidate) return;
    setSubmitting(true);
    setMergeError(undefined);
    try {
      const result = await api.post<{ mergeId: string; moved: Record<string, number> }>('/api/v1/people/merges', {
        survivorId: personId,
        duplicateId: candidate,
        reason: reason.trim(),
      });
      const moved = Object.entries(result.moved)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `${tx(`merge.table.${table}`, table)} ${n}`)
        .join(', ');
      setCandidate(null);
      setResults(undefined);
      setText('');
      merges.reload();
      announce(t('merge.done', { moved: moved || t('merge.movedNone') }));
    } catch (err) {
      setMergeError(asApiError(err));
    } finally {
      setSubmitting(false);
    }
  };

  const onRevert = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!reverting) return;
    if (revertReason.trim().length < 5) {
      setRevertError(t('merge.revertReasonError'));
      return;
    }
    setRevertError(undefined);
    setRevertApiError(undefined);
    try {
      await api.post(`/api/v1/people/merges/${encodeURIComponent(reverting)}/reversal`, { reason: revertReason.trim() });
      setReverting(null);
      setRevertReason('');
      merges.reload();
      announce(t('merge.revertDone'));
    } catch (err) {
      setRevertApiError(asApiError(err));
    }
  };

  const display = (p: StaffPersonDetail | undefined, field: CompareField): string => {
    if (!p) return '';
    if (p.hiddenFields?.includes(field)) return t('common.reserved');
    switch (field) {
      case 'birthDate':
        return p.birthDate ? formatDate(p.birthDate) : t('common.none');
      case 'sex':
        return p.sex ? tx(`sex.${p.sex}`, p.sex) : t('common.none');
      case 'residence':
        return p.residence ? [p.residence.address, p.residence.municipalityName].filter(Boolean).join(', ') : t('common.none');
      case 'jobCentre':
        return p.jobCentre?.name ?? t('common.none');
      default:
        return (p[field] as string | null | undefined) ?? t('common.none');
    }
  };
  const name = (p: MergePerson | null) => (p ? `${p.givenName} ${p.familyName} (${p.taxCode})` : t('merge.otherHidden'));

  return (
    <Card className="shadow-sm rounded mb-4" tag="section" testId="merge-section">
      <CardBody className="p-4">
        <h2 className="h3 mb-2">{t('merge.heading')}</h2>
        <p className="mb-4">{t('merge.intro')}</p>

        {notice && (
          <div ref={noticeRef} tabIndex={-1} className="ponte-focus-target">
            <Alert color="success" fade={false} role="status" testId="merge-notice">
              {notice}
            </Alert>
          </div>
        )}

        <h3 className="h5 mb-3">{t('merge.historyHeading')}</h3>
        {merges.loading && !merges.data && <Loading />}
        {merges.error && !merges.loading && <ProblemAlert error={merges.error} onRetry={merges.reload} />}
        {merges.data &&
          (merges.data.items.length === 0 ? (
            <p data-testid="merge-history-empty">{t('merge.historyEmpty')}</p>
          ) : (
            <ScrollTable caption={t('merge.historyCaption')} captionHidden testId="merge-history">
              <thead>
                <tr>
                  <th scope="col">{t('merge.colWhen')}</th>
                  <th scope="col">{t('merge.colRecords')}</th>
                  <th scope="col">{t('merge.colReason')}</th>
                  <th scope="col">{t('merge.colState')}</th>
                </tr>
              </thead>
              <tbody>
                {merges.data.items.map((m) => (
                  <tr key={m.mergeId} data-merge-id={m.mergeId}>
                    <th scope="row" className="fw-normal text-nowrap">
                      {formatDateTime(m.mergedAt)}
                      {m.mergedBy && <div className="small ponte-muted">{t('merge.by', { name: m.mergedBy })}</div>}
                    </th>
                    <td>{m.role === 'survivor' ? t('merge.roleSurvivor', { other: name(m.merged) }) : t('merge.roleMerged', { other: name(m.survivor) })}</td>
                    <td>{m.reason}</td>
                    <td>
                      {m.revertedAt ? (
                        <span data-testid="merge-reverted">{t('merge.reverted', { date: formatDateTime(m.revertedAt), reason: m.revertReason ?? '' })}</span>
                      ) : (
                        <>
                          <span className="d-block mb-2">{t('merge.active')}</span>
                          {reverting !== m.mergeId && (
                            <Button
                              color="danger"
                              outline
                              size="sm"
                              type="button"
                              onClick={() => {
                                setReverting(m.mergeId);
                                setRevertReason('');
                                setRevertError(undefined);
                                setRevertApiError(undefined);
                              }}
                              data-testid="merge-revert-open"
                            >
                              {t('merge.revert')}
                              <span className="visually-hidden"> {t('merge.revertHidden', { date: formatDateTime(m.mergedAt) })}</span>
                            </Button>
                          )}
                          {reverting === m.mergeId && (
                            <form onSubmit={onRevert} noValidate data-testid="merge-revert-form">
                              <TextField
                                id={`revert-reason-${m.mergeId}`}
                                label={t('merge.revertReason')}
                                value={revertReason}
                                onValue={setRevertReason}
                                error={revertError}
                                help={t('merge.revertReasonHelp')}
                              />
                              {revertApiError && <ProblemAlert error={revertApiError} />}
                              <div className="d-flex gap-2">
                                <Button color="danger" size="sm" type="submit" data-testid="merge-revert-submit">
                                  {t('merge.revertSubmit')}
                                </Button>
                                <Button color="secondary" outline size="sm" type="button" onClick={() => setReverting(null)}>
                                  {t('merge.cancel')}
                                </Button>
                              </div>
                            </form>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          ))}

        <form onSubmit={onSearch} noValidate className="mt-4" data-testid="merge-search-form">
          <div className="row g-3 align-items-start">
            <div className="col-12 col-md-8">
              <TextField
                id="merge-search"
                label={t('merge.searchLabel')}
                value={text}
                onValue={setText}
                error={textError}
                help={t('merge.searchHelp')}
                inputRef={searchRef}
                autoComplete="off"
              />
            </div>
            <div className="col-12 col-md-4 pt-md-3">
              <Button color="primary" outline type="submit" disabled={searching} data-testid="merge-search-submit">
                {t('merge.search')}
              </Button>
            </div>
          </div>
        </form>
        {searchError && <ProblemAlert error={searchError} />}
        {results &&
          (results.length === 0 ? (
            <p data-testid="merge-no-results">{t('merge.noResults')}</p>
          ) : (
            <ScrollTable caption={t('merge.resultsCaption')} testId="merge-results">
              <thead>
                <tr>
                  <th scope="col">{t('merge.colName')}</th>
                  <th scope="col">{t('merge.colBirthDate')}</th>
                  <th scope="col">{t('merge.colJobCentre')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('merge.compare')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.map((p) => (
                  <tr key={p.id} data-person-id={p.id}>
                    <th scope="row">
                      {p.familyName} {p.givenName}
                    </th>
                    <td>{p.birthDate ? formatDate(p.birthDate) : t('common.none')}</td>
                    <td>{p.jobCentreName ?? t('common.reserved')}</td>
                    <td>
                      <Button color="primary" size="sm" type="button" onClick={() => choose(p.id)} data-testid="merge-compare">
                        {t('merge.compare')}
                        <span className="visually-hidden"> {t('merge.compareHidden', { name: `${p.givenName} ${p.familyName}` })}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          ))}

        {candidate && (
          <div className="mt-4" data-testid="merge-compare-panel">
            {(current.loading || duplicate.loading) && <Loading />}
            {current.error && <ProblemAlert error={current.error} />}
            {duplicate.error && <ProblemAlert error={duplicate.error} />}
            {current.data && duplicate.data && (
              <>
                <ScrollTable caption={t('merge.compareCaption')} testId="merge-compare-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('merge.colField')}</th>
                      <th scope="col">{t('merge.colSurvivor')}</th>
                      <th scope="col">{t('merge.colDuplicate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {COMPARE.map((field) => {
                      const a = display(current.data, field);
                      const b = display(duplicate.data, field);
                      return (
                        <tr key={field}>
                          <th scope="row">{t(`merge.field.${field}`)}</th>
                          <td>{a}</td>
                          <td>
                            {b}
                            {a !== b && <span className="badge bg-warning text-dark ms-2">{t('merge.differs')}</span>}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </ScrollTable>
                <form onSubmit={onMerge} noValidate data-testid="merge-form">
                  <TextAreaField
                    id="merge-reason"
                    label={t('merge.reason')}
                    value={reason}
                    onValue={setReason}
                    error={errors.reason}
                    help={t('merge.reasonHelp')}
                    inputRef={reasonRef}
                    rows={3}
                  />
                  <CheckField
                    id="merge-confirm"
                    label={t('merge.confirm')}
                    checked={confirmed}
                    onChecked={setConfirmed}
                    error={errors.confirm}
                    inputRef={confirmRef}
                    testId="merge-confirm"
                  />
                  {mergeError && <ProblemAlert error={mergeError} testId="merge-error" />}
                  <div className="d-flex flex-wrap gap-2">
                    <Button color="danger" type="submit" disabled={submitting} data-testid="merge-submit">
                      {t('merge.submit')}
                    </Button>
                    <Button color="secondary" outline type="button" onClick={() => setCandidate(null)}>
                      {t('merge.cancel')}
                    </Button>
                  </div>
                </form>
              </>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
