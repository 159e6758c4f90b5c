import { Link } from 'react-router-dom';
import { PATHS, REGISTRAR_ACCESS } from '../../app/roles.ts';
import { useAccount } from '../../app/session.tsx';
import type { JobCentreList } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { JobCentresTable } from '../../modules/organisation/JobCentresTable.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import { PeopleSearch } from './PeopleSearch.tsx';

/** Landing page of job-centre staff: their territory's job centres and the people search. */
export function BackofficeHome() {
  const { t } = useI18n();
  const account = useAccount();
  const centres = useApiGet<JobCentreList>('/api/v1/job-centres');

  return (
    <>
      <PageTitle
        title={t('ops.title')}
        lead={
          <>
            {t('ops.welcome', { name: account.displayName })}
            {account.jobCentreName && <> {t('ops.jobCentre', { name: account.jobCentreName })}</>}
          </>
        }
      >
        {t('ops.title')}
      </PageTitle>

      <section className="mb-5">
        <h2 id="people-search-heading" className="h3">
          {t('ops.searchHeading')}
        </h2>
        <PeopleSearch />
        {REGISTRAR_ACCESS.includes(account.role) && (
          <p className="mt-3 mb-0">
            <span className="me-2">{t('ops.registerHint')}</span>
            <Link className="btn btn-outline-primary btn-sm" to={PATHS.registerPerson} data-testid="register-person-link">
              {t('ops.registerLink')}
            </Link>
          </p>
        )}
      </section>

      <section className="mb-4">
        <h2 id="job-centres-heading" className="h3">
          {t('ops.jobCentresHeading')}
        </h2>
        {centres.loading && <Loading />}
        {centres.error && <ProblemAlert error={centres.error} onRetry={centres.reload} />}
        {centres.data &&
          !centres.loading &&
          (centres.data.items.length === 0 ? <p data-testid="job-centres-empty">{t('jc.empty')}</p> : <JobCentresTable items={centres.data.items} />)}
      </section>
    </>
  );
}
