import { useI18n } from '../../i18n/index.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import type { StaffMember } from './siteEditing.ts';

/** The staff of a job centre (operators and managers), for its manager and the agency administration. */
export function JobCentreStaff({ items }: { items: StaffMember[] }) {
  const { t, tx } = useI18n();
  if (items.length === 0) return <p data-testid="job-centre-staff-empty">{t('jc.staffEmpty')}</p>;
  const count = items.length === 1 ? t('jc.staffCountOne') : t('jc.staffCountMany', { count: items.length });
  return (
    <ScrollTable caption={`${t('jc.staffCaption')} — ${count}`} testId="job-centre-staff">
      <thead>
        <tr>
          <th scope="col">{t('jc.staffColName')}</th>
          <th scope="col">{t('jc.staffColRole')}</th>
          <th scope="col">{t('jc.staffColUsername')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.id} data-account-id={m.id}>
            <th scope="row">{m.displayName}</th>
            <td data-role={m.role}>{tx(`role.${m.role}`, m.role)}</td>
            <td className="font-monospace">{m.username}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
