import { useAccount } from '../../app/session.tsx';
import type { EmployerCompany } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { useApiGet } from '../../ui/useApi.ts';

/** Employer area: the companies this account may act for. */
export function EmployerHome() {
  const { t } = useI18n();
  const account = useAccount();
  const companies = useApiGet<{ items: EmployerCompany[] }>('/api/v1/me/employers');

  return (
    <>
      <PageTitle title={t('employer.title')} lead={t('employer.welcome', { name: account.displayName.replace(/\.$/, '') })}>
        {t('employer.title')}
      </PageTitle>
      <section>
        <h2 id="companies-heading" className="h3">
          {t('employer.companies')}
        </h2>
        {companies.loading && <Loading />}
        {companies.error && !companies.loading && <ProblemAlert error={companies.error} onRetry={companies.reload} />}
        {companies.data &&
          !companies.loading &&
          (companies.data.items.length === 0 ? (
            <p data-testid="employers-empty">{t('employer.empty')}</p>
          ) : (
            <ScrollTable caption={t('employer.caption')} captionHidden testId="employers-table">
              <thead>
                <tr>
                  <th scope="col">{t('employer.colName')}</th>
                  <th scope="col">{t('employer.colTaxCode')}</th>
                  <th scope="col">{t('employer.colMunicipality')}</th>
                  <th scope="col">{t('employer.colAteco')}</th>
                </tr>
              </thead>
              <tbody>
                {companies.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td className="font-monospace">{c.taxCode}</td>
                    <td>{c.municipalityName ?? t('common.none')}</td>
                    <td>{c.atecoCode ?? t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          ))}
      </section>
    </>
  );
}
