import { Badge } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { PATHS } from '../../app/roles.ts';
import type { JobCentre, Site } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';

function SiteItem({ site }: { site: Site }) {
  const { t } = useI18n();
  return (
    <li className="mb-2">
      <span className="fw-semibold">{site.name}</span>{' '}
      <Badge color={site.kind === 'main' ? 'primary' : 'secondary'} className="ms-1">
        {site.kind === 'main' ? t('jc.siteMain') : t('jc.siteDesk')}
      </Badge>
      {(site.address || site.municipalityName) && (
        <>
          <br />
          {[site.address, site.municipalityName].filter(Boolean).join(', ')}
        </>
      )}
      {site.phone && (
        <>
          <br />
          {t('jc.phone', { phone: site.phone })}
        </>
      )}
      {site.openingHours && (
        <>
          <br />
          <span className="small">{t('jc.hours', { hours: site.openingHours })}</span>
        </>
      )}
    </li>
  );
}

interface Props {
  items: JobCentre[];
  caption?: string;
  testId?: string;
  /** Link each job centre to its page (territory and sites). */
  linkToDetail?: boolean;
  showProvince?: boolean;
  /** One row group per province, introduced by a header row (a single table for tests and screen readers). */
  groupByProvince?: boolean;
}

/** Job centres with their sites; `data-testid="job-centres-table"` by default. */
export function JobCentresTable({ items, caption, testId = 'job-centres-table', linkToDetail = true, showProvince = true, groupByProvince = false }: Props) {
  const { t } = useI18n();
  const columns = showProvince ? 5 : 4;
  const groups: { code: string; name: string; items: JobCentre[] }[] = [];
  if (groupByProvince) {
    for (const jc of items) {
      let g = groups.find((x) => x.code === jc.provinceCode);
      if (!g) {
        g = { code: jc.provinceCode, name: jc.provinceName, items: [] };
        groups.push(g);
      }
      g.items.push(jc);
    }
    groups.sort((a, b) => a.name.localeCompare(b.name, 'it'));
  } else {
    groups.push({ code: '', name: '', items });
  }
  const row = (jc: JobCentre) => (
    <tr key={jc.id} data-job-centre-id={jc.id}>
      <th scope="row" className="fw-semibold">
        {linkToDetail ? <Link to={PATHS.jobCentre(jc.id)}>{jc.name}</Link> : jc.name}
        <div className="small fw-normal ponte-muted">{jc.code}</div>
      </th>
      {showProvince && (
        <td>
          {jc.provinceName} ({jc.provinceCode})
        </td>
      )}
      <td>{[jc.address, jc.municipalityName].filter(Boolean).join(', ') || t('common.none')}</td>
      <td>
        {jc.sites.length === 0 ? (
          t('jc.noSites')
        ) : (
          <ul className="list-unstyled mb-0">
            {jc.sites.map((s) => (
              <SiteItem key={s.id} site={s} />
            ))}
          </ul>
        )}
      </td>
      <td>{jc.email ? <a href={`mailto:${jc.email}`}>{jc.email}</a> : t('common.none')}</td>
    </tr>
  );
  const count = items.length === 1 ? t('jc.countOne') : t('jc.countMany', { count: items.length });
  return (
    <ScrollTable caption={`${caption ?? t('jc.caption')} — ${count}`} testId={testId}>
      <thead>
        <tr>
          <th scope="col">{t('jc.colName')}</th>
          {showProvince && <th scope="col">{t('jc.colProvince')}</th>}
          <th scope="col">{t('jc.colAddress')}</th>
          <th scope="col">{t('jc.colSites')}</th>
          <th scope="col">{t('jc.colContacts')}</th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.code || 'all'} data-province={g.code || undefined}>
          {groupByProvince && (
            <tr className="ponte-group-row">
              <th scope="rowgroup" colSpan={columns}>
                {g.name} ({g.code}) — {g.items.length === 1 ? t('jc.countOne') : t('jc.countMany', { count: g.items.length })}
              </th>
            </tr>
          )}
          {g.items.map(row)}
        </tbody>
      ))}
    </ScrollTable>
  );
}
