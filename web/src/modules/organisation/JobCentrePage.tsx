import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { homePath, PATHS } from '../../app/roles.ts';
import { useSession } from '../../app/session.tsx';
import type { Account } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageBreadcrumb } from '../../ui/PageBreadcrumb.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import { JobCentreFigures } from './JobCentreFigures.tsx';
import { JobCentreStaff } from './JobCentreStaff.tsx';
import { SiteCard } from './SiteCard.tsx';
import { type JobCentreFigures as Figures, jobCentrePath, type ManagedJobCentre, type StaffMember } from './siteEditing.ts';

/** The manager of this centre and the agency administration see its staff and figures and edit its sites. */
function managesCentre(account: Account | null, jobCentreId: string): boolean {
  if (!account) return false;
  return account.role === 'agency_admin' || (account.role === 'manager' && account.jobCentreId === jobCentreId);
}

/** One job centre: sites and the municipalities it serves; for who manages it, also staff, figures and site editing. */
export function JobCentrePage() {
  const { t } = useI18n();
  const { account } = useSession();
  const { jobCentreId = '' } = useParams();
  const manages = managesCentre(account, jobCentreId);
  const jc = useApiGet<ManagedJobCentre>(jobCentrePath(jobCentreId));
  // Other roles never call these (the API would refuse them anyway).
  const staff = useApiGet<{ items: StaffMember[] }>(manages ? `${jobCentrePath(jobCentreId)}/staff` : null);
  const figures = useApiGet<Figures>(manages ? `${jobCentrePath(jobCentreId)}/figures` : null);
  const [editingSites, setEditingSites] = useState<ReadonlySet<string>>(new Set());

  // Keep showing the centre while it is read again after a save (the open forms keep what was typed).
  const d = jc.data && jc.data.id === jobCentreId ? jc.data : undefined;
  const title = d?.name ?? t('jc.detailTitle');
  const parent = account?.role === 'agency_admin' ? { label: t('nav.region'), to: PATHS.region } : { label: t('nav.backoffice'), to: PATHS.backoffice };
  // Not found, or not visible with this profile (a manager of another centre): retrying cannot help.
  const unavailable = jc.error && (jc.error.status === 404 || jc.error.status === 403);

  const setEditing = (siteId: string, editing: boolean) =>
    setEditingSites((prev) => {
      const next = new Set(prev);
      if (editing) next.add(siteId);
      else next.delete(siteId);
      return next;
    });

  return (
    <>
      <PageBreadcrumb label={t('common.breadcrumb')} items={[parent, { label: title }]} />
      <PageTitle title={title} lead={d ? `${d.provinceName} (${d.provinceCode}) · ${t('jc.code')} ${d.code}` : undefined}>
        {title}
      </PageTitle>
      {jc.loading && !d && <Loading />}
      {jc.error && !jc.loading && (
        <div data-testid={unavailable ? 'job-centre-unavailable' : undefined}>
          <ProblemAlert error={jc.error} title={unavailable ? t('jc.unavailableTitle') : undefined} onRetry={unavailable ? undefined : jc.reload} />
          {unavailable && account && (
            <Link className="btn btn-primary" to={homePath(account.role)}>
              {t('notFound.home')}
            </Link>
          )}
        </div>
      )}
      {d && (
        <>
          <section className="mb-5">
            <h2 id="jc-sites-heading" className="h3">
              {t('jc.sitesHeading')}
            </h2>
            {d.sites.length === 0 && <p>{t('jc.noSites')}</p>}
            <div className="row g-3">
              {d.sites.map((s) => (
                <div key={s.id} className={editingSites.has(s.id) ? 'col-12' : 'col-12 col-md-6 col-xl-4'}>
                  <SiteCard site={s} jobCentreId={d.id} editable={manages} onRefresh={jc.reload} onEditingChange={(editing) => setEditing(s.id, editing)} />
                </div>
              ))}
            </div>
          </section>

          {manages && (
            <>
              <section className="mb-5">
                <h2 id="jc-figures-heading" className="h3">
                  {t('jc.figuresHeading')}
                </h2>
                <p>{t('jc.figuresIntro')}</p>
                {figures.loading && <Loading />}
                {figures.error && !figures.loading && <ProblemAlert error={figures.error} onRetry={figures.reload} />}
                {figures.data && !figures.loading && <JobCentreFigures figures={figures.data} centreName={d.name} />}
              </section>

              <section className="mb-5">
                <h2 id="jc-staff-heading" className="h3">
                  {t('jc.staffHeading')}
                </h2>
                {staff.loading && <Loading />}
                {staff.error && !staff.loading && <ProblemAlert error={staff.error} onRetry={staff.reload} />}
                {staff.data && !staff.loading && <JobCentreStaff items={staff.data.items} />}
              </section>
            </>
          )}

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
