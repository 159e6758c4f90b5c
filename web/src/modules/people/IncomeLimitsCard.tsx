import { Alert, Card, CardBody } from 'design-react-kit';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import { ConfidenceBadge } from './statusParts.tsx';

interface IncomeLimitReport {
  limits: { from: string; to: string | null; employee: number; selfEmployed: number; source: string; confidence: 'V' | 'P' | 'U' }[];
  pending: { year: number; people: number }[];
}

/**
 * Agency administrators: the income limits in force, with their sources, and the years for which status decisions
 * wait because no limit is configured (never extrapolated from the year before).
 */
export function IncomeLimitsCard() {
  const { t, formatDate, formatNumber } = useI18n();
  const report = useApiGet<IncomeLimitReport>('/api/v1/income-limits');
  const euro = (n: number) => `${formatNumber(n)} €`;
  return (
    <Card className="shadow-sm rounded mb-4" tag="section" testId="income-limits">
      <CardBody className="p-4">
        <h2 id="income-limits-heading" className="h4">
          {t('limits.heading')}
        </h2>
        <p>{t('limits.intro')}</p>
        {report.loading && <Loading />}
        {report.error && !report.loading && <ProblemAlert error={report.error} onRetry={report.reload} />}
        {report.data && !report.loading && (
          <>
            {report.data.pending.length > 0 ? (
              <Alert color="warning" fade={false} testId="income-limits-pending">
                <strong>{t('limits.pendingTitle')}</strong>
                <ul className="mb-1">
                  {report.data.pending.map((p) => (
                    <li key={p.year}>{t('limits.pendingYear', { year: p.year, people: formatNumber(p.people) })}</li>
                  ))}
                </ul>
                <span className="small">{t('limits.pendingHow')}</span>
              </Alert>
            ) : (
              <p data-testid="income-limits-none-pending">{t('limits.nonePending')}</p>
            )}
            <ScrollTable caption={t('limits.caption')} testId="income-limits-table">
              <thead>
                <tr>
                  <th scope="col">{t('limits.colPeriod')}</th>
                  <th scope="col">{t('limits.colEmployee')}</th>
                  <th scope="col">{t('limits.colSelfEmployed')}</th>
                  <th scope="col">{t('limits.colSource')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.limits.map((row) => (
                  <tr key={row.from}>
                    <td className="text-nowrap">
                      {formatDate(row.from)} – {row.to ? formatDate(row.to) : t('limits.open')}
                    </td>
                    <td>{euro(row.employee)}</td>
                    <td>{euro(row.selfEmployed)}</td>
                    <td>
                      {row.source} <ConfidenceBadge confidence={row.confidence} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </>
        )}
      </CardBody>
    </Card>
  );
}
