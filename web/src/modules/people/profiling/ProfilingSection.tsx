import { Alert, Button, Card, CardBody } from 'design-react-kit';
import { useRef, useState } from 'react';
import { ApiError, api } from '../../../app/api.ts';
import { REGISTRAR_ACCESS } from '../../../app/roles.ts';
import { useAccount } from '../../../app/session.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { ProblemAlert } from '../../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../../ui/ScrollTable.tsx';
import { useApiGet } from '../../../ui/useApi.ts';

interface Official {
  index: number;
  profilingClass: string;
  referenceDate: string;
  receivedAt: string;
  source: string;
}

interface Contribution {
  factor: string;
  title: string;
  input: number | null;
  band: string | null;
  contribution: number;
}

export interface ProfilingView {
  official: Official | null;
  history: Official[];
  classBands: { source: string; confidence: string } | null;
  estimate: {
    date: string;
    modelId: string;
    effectiveFrom: string;
    source: string;
    confidence: string;
    base: number;
    estimate: number;
    estimatedClass: { profilingClass: string; source: string; confidence: string } | null;
    contributions: Contribution[];
    unknownFactors: string[];
    inputNotes: string[];
    notice: string;
  } | null;
}

type Refreshed = { received: boolean; changed: boolean; official: Official | null };

/** Diverging horizontal bars: each factor's contribution left (lowers) or right (raises) of zero. Decorative: the table carries the data. */
function ContributionBars({ contributions, format }: { contributions: Contribution[]; format: (n: number) => string }) {
  const max = Math.max(0.05, ...contributions.map((c) => Math.abs(c.contribution)));
  return (
    <div className="ponte-profiling-bars mb-3" aria-hidden="true" data-testid="profiling-bars">
      {contributions.map((c) => {
        const width = (Math.abs(c.contribution) / max) * 50;
        const positive = c.contribution >= 0;
        return (
          <div key={c.factor} className="d-flex align-items-center mb-2" data-factor={c.factor}>
            <div className="ponte-profiling-bar-label small" style={{ width: '30%', paddingRight: '0.5rem' }}>
              {c.title}
            </div>
            <div style={{ position: 'relative', width: '55%', height: '1.1rem', background: '#f2f4f6', borderRadius: 2 }}>
              <div style={{ position: 'absolute', left: '50%', top: 0, bottom: 0, width: 1, background: '#5c6f82' }} />
              <div
                style={{
                  position: 'absolute',
                  top: 2,
                  bottom: 2,
                  left: positive ? '50%' : `${50 - width}%`,
                  width: `${width}%`,
                  background: positive ? '#a66300' : '#0066cc',
                  borderRadius: 2,
                }}
              />
            </div>
            <div className="small text-end fw-semibold" style={{ width: '15%' }}>
              {format(c.contribution)}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** Case-file section: official profiling index and the local estimate (back office). */
export function ProfilingSection({ personId }: { personId: string }) {
  const { t, tx, formatDate, formatDateTime, locale } = useI18n();
  const account = useAccount();
  const canRefresh = REGISTRAR_ACCESS.includes(account.role);
  const view = useApiGet<ProfilingView>(`/api/v1/people/${encodeURIComponent(personId)}/profiling`);
  const [busy, setBusy] = useState(false);
  const [refreshError, setRefreshError] = useState<ApiError | undefined>();
  const [outcome, setOutcome] = useState<Refreshed | undefined>();
  const outcomeRef = useRef<HTMLDivElement>(null);

  const index = (n: number) => n.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  const signed = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '') + Math.abs(n).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 3 });

  const refresh = async () => {
    setBusy(true);
    setRefreshError(undefined);
    setOutcome(undefined);
    try {
      const result = await api.post<Refreshed>(`/api/v1/people/${encodeURIComponent(personId)}/profiling/refresh`);
      setOutcome(result);
      view.reload();
      requestAnimationFrame(() => outcomeRef.current?.focus());
    } catch (err) {
      setRefreshError(err instanceof ApiError ? err : new ApiError({ status: 0 }, true));
    } finally {
      setBusy(false);
    }
  };

  const data = view.data;
  const official = data?.official ?? null;
  const estimate = data?.estimate ?? null;
  const inputText = (c: Contribution) => (c.input === null ? t('profiling.unknown') : tx(`profiling.input.${c.factor}`, String(c.input), { value: c.input }));

  return (
    <Card className="shadow-sm rounded mb-4" tag="section" testId="profiling-section" aria-labelledby="profiling-heading">
      <CardBody className="p-4">
        <h2 id="profiling-heading" className="h3 mb-2">
          {t('profiling.heading')}
        </h2>
        <p className="mb-4">{t('profiling.intro')}</p>
        {view.loading && !data && <Loading />}
        {view.error && !view.loading && <ProblemAlert error={view.error} onRetry={view.reload} />}
        {data && (
          <>
            <h3 className="h5 mb-3">{t('profiling.officialHeading')}</h3>
            {outcome && (
              <div ref={outcomeRef} tabIndex={-1} className="ponte-focus-target">
                <Alert color={outcome.received ? 'success' : 'info'} fade={false} testId="profiling-refresh-outcome" role="status">
                  {!outcome.received
                    ? t('profiling.refreshNone')
                    : outcome.changed
                      ? t('profiling.refreshed', { date: formatDate(outcome.official?.referenceDate) })
                      : t('profiling.refreshedSame', { date: formatDate(outcome.official?.referenceDate) })}
                </Alert>
              </div>
            )}
            {refreshError && <ProblemAlert error={refreshError} testId="profiling-refresh-error" />}
            {official ? (
              <dl className="row mb-2 ponte-dl" data-testid="profiling-official">
                <div className="col-12 col-md-3 mb-2">
                  <dt>{t('profiling.index')}</dt>
                  <dd className="mb-0 fs-5 fw-semibold" data-testid="profiling-official-index">
                    {index(official.index)}
                  </dd>
                  <dd className="small ponte-muted mb-0">{t('profiling.indexHelp')}</dd>
                </div>
                <div className="col-12 col-md-3 mb-2">
                  <dt>{t('profiling.class')}</dt>
                  <dd className="mb-0 fs-5 fw-semibold" data-testid="profiling-official-class">
                    {official.profilingClass}
                  </dd>
                </div>
                <div className="col-12 col-md-3 mb-2">
                  <dt>{t('profiling.referenceDate')}</dt>
                  <dd className="mb-0" data-testid="profiling-official-date">
                    {formatDate(official.referenceDate)}
                  </dd>
                </div>
                <div className="col-12 col-md-3 mb-2">
                  <dt>{t('profiling.receivedAt')}</dt>
                  <dd className="mb-0">{formatDateTime(official.receivedAt)}</dd>
                </div>
              </dl>
            ) : (
              <p data-testid="profiling-not-received">{t('profiling.notReceived')}</p>
            )}
            {official && data.classBands && (
              <p className="small ponte-muted">
                {t('profiling.bandsSource', { source: data.classBands.source })} (
                {tx(`profiling.confidence.${data.classBands.confidence}`, data.classBands.confidence)})
              </p>
            )}
            {data.history.length > 0 && (
              <ScrollTable caption={t('profiling.historyCaption')} testId="profiling-history">
                <thead>
                  <tr>
                    <th scope="col">{t('profiling.referenceDate')}</th>
                    <th scope="col">{t('profiling.index')}</th>
                    <th scope="col">{t('profiling.class')}</th>
                    <th scope="col">{t('profiling.receivedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.history.map((h) => (
                    <tr key={h.referenceDate}>
                      <th scope="row">{formatDate(h.referenceDate)}</th>
                      <td>{index(h.index)}</td>
                      <td>{h.profilingClass}</td>
                      <td>{formatDateTime(h.receivedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            )}
            {canRefresh && (
              <Button color="primary" outline size="sm" type="button" onClick={refresh} disabled={busy} data-testid="profiling-refresh">
                {busy ? t('profiling.refreshing') : t('profiling.refresh')}
              </Button>
            )}

            <h3 className="h5 mt-5 mb-2" data-testid="profiling-estimate-heading">
              {t('profiling.estimateHeading')}
            </h3>
            {!estimate ? (
              <p>{t('profiling.estimateNone')}</p>
            ) : (
              <div data-testid="profiling-estimate">
                <Alert color="warning" fade={false} className="mb-3">
                  <p className="mb-1">{estimate.notice}</p>
                  <p className="mb-0 small">{t('profiling.lawful')}</p>
                </Alert>
                <dl className="row mb-2 ponte-dl">
                  <div className="col-12 col-md-4 mb-2">
                    <dt>{t('profiling.estimateValue')}</dt>
                    <dd className="mb-0 fs-5 fw-semibold" data-testid="profiling-estimate-value">
                      {index(estimate.estimate)}
                    </dd>
                  </div>
                  {estimate.estimatedClass && (
                    <div className="col-12 col-md-4 mb-2">
                      <dt>{t('profiling.estimateClass')}</dt>
                      <dd className="mb-0">{estimate.estimatedClass.profilingClass}</dd>
                    </div>
                  )}
                  <div className="col-12 col-md-4 mb-2">
                    <dt>{t('profiling.model')}</dt>
                    <dd className="mb-0">{t('profiling.modelVersion', { id: estimate.modelId, date: formatDate(estimate.effectiveFrom) })}</dd>
                  </div>
                </dl>
                <h4 className="h6 mt-3">{t('profiling.chartTitle')}</h4>
                <p className="small ponte-muted">{t('profiling.chartHint')}</p>
                <ContributionBars contributions={estimate.contributions} format={signed} />
                <ScrollTable caption={t('profiling.tableCaption')} testId="profiling-contributions">
                  <thead>
                    <tr>
                      <th scope="col">{t('profiling.colFactor')}</th>
                      <th scope="col">{t('profiling.colInput')}</th>
                      <th scope="col">{t('profiling.colBand')}</th>
                      <th scope="col" className="text-end">
                        {t('profiling.colContribution')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">{t('profiling.base')}</th>
                      <td>{t('common.none')}</td>
                      <td>{t('common.none')}</td>
                      <td className="text-end">{index(estimate.base)}</td>
                    </tr>
                    {estimate.contributions.map((c) => (
                      <tr key={c.factor} data-factor={c.factor}>
                        <th scope="row">{c.title}</th>
                        <td>{inputText(c)}</td>
                        <td>{c.band ?? t('profiling.unknown')}</td>
                        <td className="text-end">{signed(c.contribution)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={3}>
                        {t('profiling.total')}
                      </th>
                      <td className="text-end fw-semibold">{index(estimate.estimate)}</td>
                    </tr>
                  </tfoot>
                </ScrollTable>
                {estimate.inputNotes.length > 0 && (
                  <>
                    <h4 className="h6 mt-3">{t('profiling.notesHeading')}</h4>
                    <ul className="small" data-testid="profiling-notes">
                      {estimate.inputNotes.map((n) => (
                        <li key={n}>{n}</li>
                      ))}
                    </ul>
                  </>
                )}
                <p className="small ponte-muted mb-0">
                  <strong>{t('profiling.modelSource')}:</strong> {estimate.source} ({tx(`profiling.confidence.${estimate.confidence}`, estimate.confidence)})
                </p>
              </div>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
