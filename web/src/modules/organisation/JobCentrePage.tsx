import { Badge, Card, CardBody } from 'design-react-kit';
import { useParams } from 'react-router-dom';
import { PATHS } from '../../app/roles.ts';
import { useSession } from '../../app/session.tsx';
import type { JobCentreDetail } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageBreadcrumb } from '../../ui/PageBreadcrumb.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { useApiGet } from '../../ui/useApi.ts';

/** One job centre: address, sites and the municipalities it serves. */
export function JobCentrePage() {
  const { t } = useI18n();
  const { account } = useSession();
  const { jobCentreId = '' } = useParams();
  const jc = useApiGet<JobCentreDetail>(`/api/v1/job-centres/${encodeURIComponent(jobCentreId)}`);
  const d = jc.data;
  const title = d?.name ?? t('jc.detailTitle');
  const parent = account?.role === 'agency_admin' ? { label: t('nav.region'), to: PATHS.region } : { label: t('nav.backoffice'), to: PATHS.backoffice };

  return (
    <>
      <PageBreadcrumb label={t('common.breadcrumb')} items={[parent, { label: title }]} />
      <PageTitle title={title} lead={d ? `${d.provinceName} (${d.provinceCode}) · ${t('jc.code')} ${d.code}` : undefined}>
        {jc.loading ? t('jc.detailTitle') : title}
      </PageTitle>
      {jc.loading && <Loading />}
      {jc.error && !jc.loading && <ProblemAlert error={jc.error} onRetry={jc.reload} />}
      {d && !jc.loading && (
        <>
          <section className="mb-5">
            <h2 id="jc-sites-heading" className="h3">
              {t('jc.sitesHeading')}
            </h2>
            {d.sites.length === 0 && <p>{t('jc.noSites')}</p>}
            <div className="row g-3">
              {d.sites.map((s) => (
                <div key={s.id} className="col-12 col-md-6 col-xl-4">
                  <Card className="shadow-sm rounded h-100" tag="article" data-site-id={s.id}>
                    <CardBody className="p-3">
                      <h3 className="h5 mb-2">{s.name}</h3>
                      <Badge color={s.kind === 'main' ? 'primary' : 'secondary'} className="mb-2">
                        {s.kind === 'main' ? t('jc.siteMain') : t('jc.siteDesk')}
                      </Badge>
                      <dl className="mb-0 ponte-dl">
                        <dt>{t('field.address')}</dt>
                        <dd>{[s.address, s.municipalityName].filter(Boolean).join(', ') || t('common.none')}</dd>
                        {s.phone && (
                          <>
                            <dt>{t('field.phone')}</dt>
                            <dd>{s.phone}</dd>
                          </>
                        )}
                        {s.email && (
                          <>
                            <dt>{t('field.email')}</dt>
                            <dd>
                              <a href={`mailto:${s.email}`}>{s.email}</a>
                            </dd>
                          </>
                        )}
                        {s.openingHours && (
                          <>
                            <dt>{t('jc.hoursLabel')}</dt>
                            <dd>{s.openingHours}</dd>
                          </>
                        )}
                      </dl>
                    </CardBody>
                  </Card>
                </div>
              ))}
            </div>
          </section>
          <section>
            <h2 id="jc-territory-heading" className="h3">
              {t('jc.territoryHeading')}
            </h2>
            {d.municipalities.length === 0 ? (
              <p>{t('jc.territoryEmpty')}</p>
            ) : (
              <ScrollTable
                caption={`${t('jc.territoryHeading')} — ${t('jc.territoryCount', { count: d.municipalities.length })}`}
                testId="job-centre-municipalities"
                maxHeight="28rem"
              >
                <thead>
                  <tr>
                    <th scope="col">{t('jc.colMunicipality')}</th>
                    <th scope="col">{t('jc.colIstat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.municipalities.map((m) => (
                    <tr key={m.istatCode}>
                      <th scope="row">{m.name}</th>
                      <td className="font-monospace">{m.istatCode}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            )}
          </section>
        </>
      )}
    </>
  );
}
