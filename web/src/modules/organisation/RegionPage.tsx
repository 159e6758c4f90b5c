import { Card, CardBody } from 'design-react-kit';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PATHS } from '../../app/roles.ts';
import type { JobCentreList, Municipality, Province } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import { IncomeLimitsCard } from '../people/IncomeLimitsCard.tsx';
import { JobCentresTable } from './JobCentresTable.tsx';
import { assignColours, UNASSIGNED_COLOUR } from './mapGeometry.ts';
import { RegionMap } from './RegionMap.tsx';

const PROVINCE_PARAM = 'provincia';

/** Agency administration: the regional network by province, with an offline map. */
export function RegionPage() {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const provinces = useApiGet<{ items: Province[] }>('/api/v1/provinces');
  const centres = useApiGet<JobCentreList>('/api/v1/job-centres');
  const municipalities = useApiGet<{ items: Municipality[] }>('/api/v1/municipalities');

  const provinceList = useMemo(() => [...(provinces.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'it')), [provinces.data]);
  const requested = params.get(PROVINCE_PARAM) ?? '';
  const selected = provinceList.find((p) => p.code === requested) ?? null;

  const allCentres = centres.data?.items ?? [];
  const allMunicipalities = municipalities.data?.items ?? [];
  const colours = useMemo(() => assignColours(allCentres, allMunicipalities), [allCentres, allMunicipalities]);

  const viewCentres = selected ? allCentres.filter((j) => j.provinceCode === selected.code) : allCentres;
  const viewMunicipalities = useMemo(
    () =>
      (selected ? allMunicipalities.filter((m) => m.provinceCode === selected.code) : allMunicipalities)
        .slice()
        .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.name.localeCompare(b.name, 'it')),
    [allMunicipalities, selected],
  );
  const centreName = useMemo(() => new Map(allCentres.map((j) => [j.id, j.name])), [allCentres]);

  const loading = provinces.loading || centres.loading || municipalities.loading;
  const areaName = selected ? selected.name : t('region.allProvinces');

  const onProvince = (code: string) => {
    const next = new URLSearchParams(params);
    if (code) next.set(PROVINCE_PARAM, code);
    else next.delete(PROVINCE_PARAM);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle title={t('region.title')} lead={t('region.intro')}>
        {t('region.title')}
      </PageTitle>

      {provinces.error && <ProblemAlert error={provinces.error} onRetry={provinces.reload} />}
      {centres.error && <ProblemAlert error={centres.error} onRetry={centres.reload} />}
      {municipalities.error && <ProblemAlert error={municipalities.error} onRetry={municipalities.reload} />}

      <div className="row g-3 align-items-end mb-4 mt-1">
        <div className="col-12 col-md-6 col-lg-4">
          <div className="select-wrapper">
            <label htmlFor="region-province">{t('region.province')}</label>
            <select
              id="region-province"
              value={selected?.code ?? ''}
              onChange={(e) => onProvince(e.target.value)}
              disabled={provinces.loading}
              data-testid="province-select"
            >
              <option value="">{t('region.allProvinces')}</option>
              {provinceList.map((p) => (
                <option key={p.code} value={p.code}>
                  {t('region.provinceOption', { name: p.name, count: p.jobCentreCount })}
                </option>
              ))}
            </select>
          </div>
        </div>
        {selected && (
          <div className="col-12 col-md-6 col-lg-8">
            <p className="mb-0" aria-live="polite" data-testid="province-summary">
              {t('region.provinceSummary', {
                jobCentres: formatNumber(selected.jobCentreCount),
                municipalities: formatNumber(selected.municipalityCount),
              })}
            </p>
          </div>
        )}
      </div>

      {loading && <Loading />}

      {!loading && centres.data && municipalities.data && (
        <>
          <section className="mb-5">
            <h2 id="region-map-heading" className="h3">
              {t('region.mapHeading')} — {areaName}
            </h2>
            <RegionMap
              areaName={areaName}
              municipalities={viewMunicipalities}
              jobCentres={viewCentres}
              colours={colours}
              allMunicipalities={allMunicipalities}
            />
            <ScrollTable caption={t('region.tableCaption')} testId="region-map-table" maxHeight="28rem" className="mt-3">
              <thead>
                <tr>
                  <th scope="col">{t('region.colMunicipality')}</th>
                  <th scope="col">{t('region.colProvince')}</th>
                  <th scope="col">{t('region.colIstat')}</th>
                  <th scope="col">{t('region.colJobCentre')}</th>
                </tr>
              </thead>
              <tbody>
                {viewMunicipalities.map((m) => (
                  <tr key={m.istatCode}>
                    <th scope="row">{m.name}</th>
                    <td>{m.provinceCode}</td>
                    <td className="font-monospace">{m.istatCode}</td>
                    <td>
                      {m.jobCentreId ? (
                        <span className="ponte-swatch" aria-hidden="true" style={{ backgroundColor: colours.get(m.jobCentreId) ?? UNASSIGNED_COLOUR }} />
                      ) : (
                        <span className="ponte-swatch ponte-swatch-hollow" aria-hidden="true" />
                      )}
                      {m.jobCentreId ? (centreName.get(m.jobCentreId) ?? m.jobCentreId) : t('region.unassigned')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </section>

          <section className="mb-5">
            <h2 id="region-centres-heading" className="h3">
              {t('region.centresHeading')}
            </h2>
            {viewCentres.length === 0 ? (
              <p data-testid="job-centres-empty">{t('jc.empty')}</p>
            ) : (
              <JobCentresTable items={viewCentres} groupByProvince showProvince={false} />
            )}
          </section>
        </>
      )}

      <IncomeLimitsCard />

      <Card className="shadow-sm rounded" tag="section">
        <CardBody className="p-4">
          <h2 id="region-audit-heading" className="h4">
            {t('region.auditHeading')}
          </h2>
          <p>{t('region.auditText')}</p>
          <Link to={PATHS.audit} className="btn btn-primary" data-testid="region-audit-link">
            {t('region.auditLink')}
          </Link>
        </CardBody>
      </Card>
    </>
  );
}
