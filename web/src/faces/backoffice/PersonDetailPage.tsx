import { Alert, Card, CardBody } from 'design-react-kit';
import { Link, useLocation, useParams } from 'react-router-dom';
import { PATHS, REGISTRAR_ACCESS } from '../../app/roles.ts';
import { useAccount } from '../../app/session.tsx';
import type { StaffPersonDetail } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { NoticesSection } from '../../modules/notices/NoticesSection.tsx';
import { EmploymentStatus } from '../../modules/people/EmploymentStatus.tsx';
import { ProfileSection } from '../../modules/people/profile/ProfileSection.tsx';
import { ProfilingSection } from '../../modules/people/profiling/ProfilingSection.tsx';
import { RegistrationNotices } from '../../modules/people/RegistrationNotices.tsx';
import { MergeSection } from '../../modules/people/records/MergeSection.tsx';
import type { RegisteredState } from '../../modules/people/types.ts';
import { Loading } from '../../ui/Loading.tsx';
import { PageBreadcrumb } from '../../ui/PageBreadcrumb.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { PersonFields } from '../../ui/PersonFields.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { useApiGet } from '../../ui/useApi.ts';

export function PersonDetailPage() {
  const { t } = useI18n();
  const { personId = '' } = useParams();
  const account = useAccount();
  const location = useLocation();
  // Right after a registration: what the server said (job centre, confirmed differences, possible homonyms).
  const registered = (location.state as Partial<RegisteredState> | null)?.registered;
  const justRegistered = registered && registered.id === personId ? registered : undefined;
  const person = useApiGet<StaffPersonDetail>(`/api/v1/people/${encodeURIComponent(personId)}`);
  const p = person.data;
  const name = p && (p.givenName || p.familyName) ? [p.givenName, p.familyName].filter(Boolean).join(' ') : null;
  const title = name ? t('person.title', { name }) : t('person.titleFallback');

  return (
    <>
      <PageBreadcrumb label={t('common.breadcrumb')} items={[{ label: t('nav.backoffice'), to: PATHS.backoffice }, { label: t('person.breadcrumb') }]} />
      <PageTitle title={title}>{person.loading ? t('person.titleFallback') : title}</PageTitle>
      {justRegistered && <RegistrationNotices result={justRegistered} />}
      {person.loading && <Loading />}
      {person.error && !person.loading && <ProblemAlert error={person.error} onRetry={person.reload} />}
      {p && !person.loading && (
        <>
          {p.protected && (
            <Alert color="warning" fade={false} testId="person-protected">
              {t('person.protected')}
            </Alert>
          )}
          <Card className="shadow-sm rounded mb-4" tag="section" testId="person-detail">
            <CardBody className="p-4">
              <h2 id="person-card-title" className="visually-hidden">
                {title}
              </h2>
              <PersonFields person={p} headingLevel={3} />
            </CardBody>
          </Card>
          <EmploymentStatus key={p.id} personId={p.id} canRecord={REGISTRAR_ACCESS.includes(account.role)} />
          <NoticesSection key={`notices-${p.id}`} personId={p.id} />
          <ProfileSection key={`profile-${p.id}`} personId={p.id} />
          <ProfilingSection key={`profiling-${p.id}`} personId={p.id} />
          <MergeSection key={`merge-${p.id}`} personId={p.id} />
        </>
      )}
      <Link to={PATHS.backoffice}>{t('person.back')}</Link>
    </>
  );
}
