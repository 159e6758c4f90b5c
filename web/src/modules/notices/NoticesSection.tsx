import { Badge, Card, CardBody } from 'design-react-kit';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import type { EmploymentNotice, EmploymentNotices } from './types.ts';

const EFFECT_COLOR: Record<EmploymentNotice['effect'], string> = {
  effective: 'success',
  rectified: 'secondary',
  cancelled: 'secondary',
  cancellation: 'secondary',
};

/**
 * Case-file section: the person's UNILAV employment notices (hire, extension, conversion, termination) with the
 * employer, the dates, the contract and the pay, and whether each one is in effect or was rectified or cancelled —
 * the employment-status timeline above is computed from the notices in effect. Without `personId`: the citizen's own.
 */
export function NoticesSection({ personId }: { personId?: string }) {
  const { t, tx, formatDate } = useI18n();
  const path = personId ? `/api/v1/people/${encodeURIComponent(personId)}/notices` : '/api/v1/me/notices';
  const notices = useApiGet<EmploymentNotices>(path);
  const euro = (n: number) => new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(n);

  const dates = (n: EmploymentNotice) =>
    [
      t('notices.start', { date: formatDate(n.jobStart) }),
      n.plannedEnd ? t('notices.plannedEnd', { date: formatDate(n.plannedEnd) }) : n.eventType === 'AVV' ? t('notices.openEnded') : null,
      n.extensionEnd ? t('notices.extension', { date: formatDate(n.extensionEnd) }) : null,
      n.conversionDate ? t('notices.conversion', { date: formatDate(n.conversionDate) }) : null,
      n.terminationDate ? t('notices.termination', { date: formatDate(n.terminationDate) }) : null,
    ].filter((x): x is string => x !== null);

  return (
    <Card className="shadow-sm rounded mb-4" tag="section" testId="notices-section">
      <CardBody className="p-4">
        <h2 className="h3 mb-2">{t('notices.heading')}</h2>
        <p className="mb-4">{t('notices.intro')}</p>
        {notices.loading && <Loading />}
        {notices.error && !notices.loading && <ProblemAlert error={notices.error} onRetry={notices.reload} />}
        {notices.data && !notices.loading && notices.data.items.length === 0 && <p data-testid="notices-empty">{t('notices.none')}</p>}
        {notices.data && !notices.loading && notices.data.items.length > 0 && (
          <ScrollTable caption={t('notices.caption')} captionHidden testId="notices-table">
            <thead>
              <tr>
                <th scope="col">{t('notices.colEvent')}</th>
                <th scope="col">{t('notices.colEmployer')}</th>
                <th scope="col">{t('notices.colDates')}</th>
                <th scope="col">{t('notices.colContract')}</th>
                <th scope="col">{t('notices.colPay')}</th>
                <th scope="col">{t('notices.colEffect')}</th>
              </tr>
            </thead>
            <tbody>
              {notices.data.items.map((n) => (
                <tr key={n.id} data-code={n.communicationCode} data-effect={n.effect}>
                  <th scope="row" className="fw-normal">
                    <span className="fw-semibold">{tx(`notices.event.${n.eventType}`, n.eventType)}</span>
                    <div className="small">
                      {tx(`notices.type.${n.communicationType}`, n.communicationType, { code: n.previousCode ?? '' })} ·{' '}
                      <span className="text-nowrap">{n.communicationCode}</span>
                    </div>
                    <div className="small ponte-muted">{t('notices.sent', { date: formatDate(n.sentOn) })}</div>
                  </th>
                  <td>
                    {n.employer ? (
                      <>
                        {n.employer.name}
                        <div className="small ponte-muted">{n.employer.taxCode}</div>
                      </>
                    ) : (
                      <span className="ponte-muted">{t('notices.employerHidden')}</span>
                    )}
                  </td>
                  <td>
                    {dates(n).map((d) => (
                      <div key={d} className="text-nowrap">
                        {d}
                      </div>
                    ))}
                  </td>
                  <td>
                    {n.contractType ?? t('common.none')}
                    {n.workingTime && <div className="small">{n.workingTime === 'P' ? t('notices.partTime') : t('notices.fullTime')}</div>}
                  </td>
                  <td className="text-nowrap">
                    {n.annualPay !== null ? (
                      euro(n.annualPay)
                    ) : n.eventType === 'AVV' ? (
                      <span className="small">{t('notices.payMissing')}</span>
                    ) : (
                      t('common.none')
                    )}
                  </td>
                  <td>
                    <Badge color={EFFECT_COLOR[n.effect]} pill>
                      {tx(`notices.effect.${n.effect}`, n.effect, { code: n.supersededBy ?? '' })}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </CardBody>
    </Card>
  );
}
