import { Alert, Button, Card, CardBody } from 'design-react-kit';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { query } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import { DeclareForm, RevokeForm } from './DeclarationForms.tsx';
import { isCalendarDate, romeToday } from './helpers.ts';
import './people.css';
import { ConfidenceBadge, StateBadge, StatusBar, usePeriodText } from './statusParts.tsx';
import { type Declaration, type EmploymentStatusView, peoplePath, type StatusPeriod } from './types.ts';

interface Props {
  /** Staff view of a person; without it, the signed-in citizen's own status. */
  personId?: string;
  /** Whether the caller may record and revoke declarations (operator, manager, agency administration). */
  canRecord?: boolean;
}

type Editing = { kind: 'declare' } | { kind: 'revoke'; declaration: Declaration } | null;
type Notice = { kind: 'declared' | 'revoked'; date: string } | null;

/**
 * Employment status ("stato occupazionale"): the state on a date with its rule and legal basis, the history of
 * periods (bar and table, each with its reason), the availability declarations and — for staff who may — the
 * actions to record a DID at the job centre and to revoke one. The citizen sees the same, read-only.
 */
export function EmploymentStatus({ personId, canRecord = false }: Props) {
  const { t, tx, formatDate, formatNumber } = useI18n();
  const citizen = personId === undefined;
  const today = romeToday();
  const [date, setDate] = useState('');
  const [draftDate, setDraftDate] = useState('');
  const [dateError, setDateError] = useState<string | undefined>();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const declareButtonRef = useRef<HTMLButtonElement>(null);

  const base = citizen ? '/api/v1/me/employment-status' : `${peoplePath(personId)}/employment-status`;
  const status = useApiGet<EmploymentStatusView>(`${base}${query({ date })}`);
  const view = status.data;
  const viewDate = view?.date ?? (date || today);
  const periodText = usePeriodText();
  const writable = canRecord && !citizen;

  const onShowDate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (draftDate && !isCalendarDate(draftDate)) {
      setDateError(t('status.errDate'));
      dateRef.current?.focus();
      return;
    }
    setDateError(undefined);
    setNotice(null);
    setDate(draftDate === today ? '' : draftDate);
  };

  const onToday = () => {
    setNotice(null);
    setDraftDate('');
    setDateError(undefined);
    setDate('');
  };

  const done = (kind: 'declared' | 'revoked') => (on: string) => {
    setEditing(null);
    setNotice({ kind, date: on });
    status.reload();
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const cancelEditing = () => {
    setEditing(null);
    requestAnimationFrame(() => declareButtonRef.current?.focus());
  };

  /** Server details carry ISO dates ("DID del 2026-11-24 …"): shown in the reader's format. */
  const detailText = (detail: string) => detail.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => formatDate(iso));

  const heading = citizen ? t('status.myHeading') : t('status.heading');
  const current = view?.current;
  const isViewingToday = viewDate === today;
  const containsView = (p: StatusPeriod) => p.from <= viewDate && (p.to === null || p.to >= viewDate);

  return (
    <Card className="shadow-sm rounded mb-4" tag="section" testId="employment-status">
      <CardBody className="p-4">
        <h2 className="h3 mb-2">{heading}</h2>
        <p className="mb-4">{citizen ? t('status.myIntro') : t('status.intro')}</p>

        {notice && (
          <div ref={noticeRef} tabIndex={-1} className="ponte-focus-target">
            <Alert color="success" fade={false} testId="status-notice" role="status">
              {notice.kind === 'declared' ? t('did.saved', { date: formatDate(notice.date) }) : t('revoke.saved', { date: formatDate(notice.date) })}
            </Alert>
          </div>
        )}

        <form onSubmit={onShowDate} noValidate className="ponte-status-date pt-3 mb-3" data-testid="status-date-form">
          <div className="row g-3 align-items-start">
            <div className="col-12 col-sm-6 col-lg-4">
              <TextField
                id={citizen ? 'my-status-date' : 'status-date'}
                type="date"
                label={t('status.dateLabel')}
                value={draftDate}
                onValue={setDraftDate}
                error={dateError}
                help={t('status.dateHelp')}
                max={today}
                inputRef={dateRef}
                wrapperClassName="mb-0"
              />
            </div>
            <div className="col-12 col-sm-6 col-lg-8 d-flex flex-wrap gap-2 pt-sm-3">
              <Button color="primary" outline type="submit" size="sm">
                {t('status.dateShow')}
              </Button>
              {date && (
                <Button color="primary" outline type="button" size="sm" onClick={onToday}>
                  {t('status.dateToday')}
                </Button>
              )}
            </div>
          </div>
        </form>

        {status.loading && <Loading />}
        {status.error && !status.loading && <ProblemAlert error={status.error} onRetry={status.reload} />}

        {view && current && (
          <div aria-busy={status.loading || undefined}>
            <div className="ponte-status-current mb-4" data-testid="status-current" data-state={current.state}>
              <h3 className="h5 mb-2">{isViewingToday ? t('status.currentToday') : t('status.currentOn', { date: formatDate(viewDate) })}</h3>
              <p className="mb-3">
                <StateBadge state={current.state} large />
                {current.since && <span className="ms-2 fw-semibold">{t('status.since', { date: formatDate(current.since) })}</span>}
              </p>
              <dl className="row mb-0 ponte-dl">
                <div className="col-12 col-md-6 mb-2">
                  <dt>{t('status.reason')}</dt>
                  <dd className="mb-0">
                    {current.ruleTitle}
                    {current.detail && <div className="small ponte-muted">{detailText(current.detail)}</div>}
                  </dd>
                </div>
                <div className="col-12 col-md-6 mb-2">
                  <dt>{t('status.legalBasis')}</dt>
                  <dd className="mb-0" data-testid="status-legal-basis">
                    {current.legalBasis || t('common.none')} <ConfidenceBadge confidence={current.confidence} />
                  </dd>
                </div>
                <div className="col-12 col-md-6 mb-2">
                  <dt>{t('status.unemploymentDays')}</dt>
                  <dd className="mb-0" data-testid="status-days">
                    {formatNumber(current.unemploymentDays)}
                  </dd>
                </div>
                {current.paySource && (
                  <div className="col-12 col-md-6 mb-2">
                    <dt>{t('status.pay')}</dt>
                    <dd className="mb-0">{tx(`status.pay.${current.paySource}`, current.paySource)}</dd>
                  </div>
                )}
              </dl>
            </div>

            {view.missingIncomeLimitYears.length > 0 && (
              <Alert color="warning" fade={false} testId="status-missing-limits">
                <p className="fw-semibold mb-1">{t('status.missingLimitsTitle')}</p>
                <p className="mb-0">
                  {t('status.missingLimits', { years: view.missingIncomeLimitYears.join(', ') })}
                  {citizen ? ` ${t('status.missingLimitsCitizen')}` : ''}
                </p>
              </Alert>
            )}

            <h3 className="h5 mt-4 mb-3">{citizen ? t('status.myHistoryHeading') : t('status.historyHeading')}</h3>
            {view.periods.length === 0 ? (
              <p data-testid="status-periods-empty">{citizen ? t('status.myNoPeriods') : t('status.noPeriods')}</p>
            ) : (
              <>
                <StatusBar periods={view.periods} viewDate={viewDate} today={today} />
                <ScrollTable caption={t('status.periodsCaption')} testId="status-periods">
                  <thead>
                    <tr>
                      <th scope="col">{t('status.colPeriod')}</th>
                      <th scope="col">{t('status.colState')}</th>
                      <th scope="col">{t('status.colReason')}</th>
                      <th scope="col">{t('status.colBasis')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.periods.map((p) => {
                      const here = containsView(p);
                      return (
                        <tr key={`${p.from}-${p.state}-${p.ruleId}`} className={here ? 'ponte-row-current' : undefined} data-state={p.state}>
                          <th scope="row" className="text-nowrap fw-normal">
                            {periodText(p.from, p.to)}
                            {here && <div className="small fw-semibold">{isViewingToday ? t('status.rowToday') : t('status.rowViewed')}</div>}
                          </th>
                          <td>
                            <StateBadge state={p.state} />
                          </td>
                          <td className="ponte-status-reason">
                            {p.ruleTitle}
                            {p.detail && <div className="small ponte-muted">{detailText(p.detail)}</div>}
                            {p.paySource && <div className="small">{tx(`status.pay.${p.paySource}`, p.paySource)}</div>}
                            {p.incomeLimit && (
                              <div className="small">
                                {t('status.incomeLimit', { amount: formatNumber(p.incomeLimit.amount), source: p.incomeLimit.source })}
                              </div>
                            )}
                          </td>
                          <td>
                            {p.legalBasis || t('common.none')} <ConfidenceBadge confidence={p.confidence} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </ScrollTable>
              </>
            )}

            <h3 className="h5 mt-4 mb-3">{t('status.declarationsHeading')}</h3>
            {view.declarations.length === 0 ? (
              <p data-testid="declarations-empty">{citizen ? t('status.myNoDeclarations') : t('status.noDeclarations')}</p>
            ) : (
              <ScrollTable caption={t('status.declarationsCaption')} captionHidden testId="declarations">
                <thead>
                  <tr>
                    <th scope="col">{t('status.colDeclaredOn')}</th>
                    <th scope="col">{t('status.colChannel')}</th>
                    <th scope="col">{t('status.colAtRisk')}</th>
                    <th scope="col">{t('status.colRevocation')}</th>
                    {writable && (
                      <th scope="col">
                        <span className="visually-hidden">{t('status.colActions')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {view.declarations.map((d) => (
                    <tr key={d.id} data-declaration-id={d.id}>
                      <th scope="row" className="text-nowrap">
                        {formatDate(d.declaredOn)}
                      </th>
                      <td>{tx(`status.channel.${d.channel}`, d.channel)}</td>
                      <td>{d.atRiskUntil ? formatDate(d.atRiskUntil) : t('common.none')}</td>
                      <td>
                        {d.revokedOn ? (
                          <>
                            {t('status.revokedOn', { date: formatDate(d.revokedOn) })}
                            {d.revocationReason && <div className="small">{t('status.revocationReason', { reason: d.revocationReason })}</div>}
                          </>
                        ) : (
                          <span className="ponte-active-declaration">{t('status.notRevoked')}</span>
                        )}
                      </td>
                      {writable && (
                        <td className="text-nowrap">
                          {!d.revokedOn && (
                            <Button
                              color="danger"
                              outline
                              size="sm"
                              type="button"
                              onClick={() => setEditing({ kind: 'revoke', declaration: d })}
                              disabled={editing !== null}
                              data-testid="revoke-open"
                            >
                              {t('revoke.open')}
                              <span className="visually-hidden"> {t('revoke.openHidden', { date: formatDate(d.declaredOn) })}</span>
                            </Button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            )}

            {writable && (
              <div className="mt-3">
                {editing === null && (
                  <Button innerRef={declareButtonRef} color="primary" type="button" onClick={() => setEditing({ kind: 'declare' })} data-testid="did-open">
                    {t('did.open')}
                  </Button>
                )}
                {editing?.kind === 'declare' && personId && <DeclareForm personId={personId} onCancel={cancelEditing} onDone={done('declared')} />}
                {editing?.kind === 'revoke' && personId && (
                  <RevokeForm personId={personId} declaration={editing.declaration} onCancel={cancelEditing} onDone={done('revoked')} />
                )}
              </div>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
