import { Card, CardBody } from 'design-react-kit';
import { useAccount } from '../../app/session.tsx';
import type { Consultation, PersonData } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { EmploymentStatus } from '../../modules/people/EmploymentStatus.tsx';
import { CitizenProfileCard } from '../../modules/people/profile/CitizenProfileCard.tsx';
import { MyDataDownload } from '../../modules/people/records/MyDataDownload.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { PersonFields } from '../../ui/PersonFields.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { useApiGet } from '../../ui/useApi.ts';

/** Citizen area: my data, and who has consulted it. */
export function CitizenHome() {
  const { t, tx, formatDateTime } = useI18n();
  const account = useAccount();
  const person = useApiGet<PersonData>('/api/v1/me/person');
  const consultations = useApiGet<{ items: Consultation[] }>('/api/v1/me/consultations');

  return (
    <>
      <PageTitle title={t('citizen.title')} lead={t('citizen.welcome', { name: account.displayName })}>
        {t('citizen.title')}
      </PageTitle>

      <section className="mb-5">
        <Card className="shadow-sm rounded" tag="div" testId="my-data">
          <CardBody className="p-4">
            <h2 id="my-data-heading" className="h3 mb-3">
              {t('citizen.myData')}
            </h2>
            {person.loading && <Loading />}
            {person.error && !person.loading && <ProblemAlert error={person.error} onRetry={person.reload} />}
            {person.data && !person.loading && <PersonFields person={person.data} headingLevel={3} />}
          </CardBody>
        </Card>
      </section>

      <div className="mb-5">
        <EmploymentStatus />
      </div>

      <CitizenProfileCard />

      <MyDataDownload />

      <section className="mb-4">
        <h2 id="consultations-heading" className="h3">
          {t('citizen.consultations')}
        </h2>
        <p>{t('citizen.consultationsIntro')}</p>
        {consultations.loading && <Loading />}
        {consultations.error && !consultations.loading && <ProblemAlert error={consultations.error} onRetry={consultations.reload} />}
        {consultations.data &&
          !consultations.loading &&
          (consultations.data.items.length === 0 ? (
            <p data-testid="consultations-empty">{t('citizen.consultationsEmpty')}</p>
          ) : (
            <ScrollTable caption={t('citizen.consultationsCaption')} captionHidden testId="consultations-table">
              <thead>
                <tr>
                  <th scope="col">{t('citizen.colAt')}</th>
                  <th scope="col">{t('citizen.colWho')}</th>
                  <th scope="col">{t('citizen.colAction')}</th>
                  <th scope="col">{t('citizen.colFields')}</th>
                  <th scope="col">{t('citizen.colPurpose')}</th>
                </tr>
              </thead>
              <tbody>
                {consultations.data.items.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: consultations have no id in the API and the list never reorders
                  <tr key={`${c.at}-${i}`}>
                    <td className="text-nowrap">
                      <time dateTime={c.at}>{formatDateTime(c.at)}</time>
                    </td>
                    <td>
                      {c.actorDescription}
                      <div className="small ponte-muted">{tx(`role.${c.actorRole}`, c.actorRole)}</div>
                    </td>
                    <td>{tx(`action.${c.action}`, c.action)}</td>
                    <td>{c.fields.length ? c.fields.map((f) => tx(`field.${f}`, f)).join(', ') : t('common.none')}</td>
                    <td>{c.purpose ?? t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          ))}
      </section>
    </>
  );
}
