import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import type { ExperienceRow, Profile, ProfileReference } from './types.ts';

/** Read-only pieces of the profile, shared by the citizen's steps and the back office. */

export function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function EducationList({ profile, actions }: { profile: Profile; actions?: (id: string, version: number) => ReactNode }) {
  const { t } = useI18n();
  if (profile.education.length === 0) return <p>{t('profile.none')}</p>;
  return (
    <ul className="list-unstyled" data-testid="education-list">
      {profile.education.map((e) => (
        <li key={e.id} className="border-bottom py-2 d-flex flex-wrap justify-content-between gap-2">
          <div>
            <strong>{e.title}</strong>
            {e.fieldOfStudy && <span> — {e.fieldOfStudy}</span>}
            <div className="small">
              {[e.institution, e.completedYear, e.country].filter(Boolean).join(' · ')}
              {' · '}
              {e.eqfLevel ? t('profile.edu.levels', { eqf: e.eqfLevel, isced: e.iscedLevel ?? '—' }) : t('profile.edu.noEqf')}
              {e.levelConfidence === 'U' && <span> ({t('profile.edu.unverified')})</span>}
            </div>
          </div>
          {actions?.(e.id, e.version)}
        </li>
      ))}
    </ul>
  );
}

export function ExperienceItem({ e, reference }: { e: ExperienceRow; reference: ProfileReference | undefined }) {
  const { t, formatDate, lang } = useI18n();
  const contract = reference?.contractTypes.find((c) => c.code === e.contractType);
  return (
    <div>
      <strong>{e.occupationLabel ?? e.occupationCode}</strong> <span className="small">({e.occupationCode})</span>
      <div>{e.employerName ?? <em>{t('profile.exp.hiddenEmployer')}</em>}</div>
      <div className="small">
        {t('profile.exp.period', { from: formatDate(e.startedOn), to: e.endedOn ? formatDate(e.endedOn) : t('profile.exp.current') })}
        {e.sectorLabel && ` · ${e.sectorLabel} (${e.sectorCode})`}
        {contract && ` · ${lang === 'en' ? contract.labelEn : contract.label}`}
      </div>
      {e.description && <div className="small">{e.description}</div>}
    </div>
  );
}

function Dl({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="row mb-0">
      {items.map(([k, v]) => (
        <div className="col-12 col-md-6 mb-2" key={k}>
          <dt className="small">{k}</dt>
          <dd className="mb-0">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SkillsSummary({ profile }: { profile: Profile }) {
  const { t, lang } = useI18n();
  return (
    <Dl
      items={[
        [t('profile.skills.list'), profile.skills.length ? profile.skills.map((s) => s.label).join(', ') : t('profile.none')],
        [
          t('profile.skills.languages'),
          profile.languages.length
            ? profile.languages
                .map((l) => `${languageName(l.language, lang)} (${l.motherTongue ? t('profile.skills.motherTongue').toLowerCase() : l.level})`)
                .join(', ')
            : t('profile.none'),
        ],
      ]}
    />
  );
}

export function LicencesSummary({ profile, reference }: { profile: Profile; reference: ProfileReference | undefined }) {
  const { t, lang } = useI18n();
  const areas = reference?.digitalSkillAreas.items ?? [];
  const digital = Object.entries(profile.digitalSkills);
  return (
    <Dl
      items={[
        [t('profile.lic.licences'), profile.drivingLicences.length ? profile.drivingLicences.join(', ') : t('profile.none')],
        [
          t('profile.lic.digital'),
          digital.length
            ? digital
                .map(([code, n]) => {
                  const a = areas.find((x) => x.code === code);
                  return `${a ? (lang === 'en' ? a.labelEn : a.label) : code}: ${n}`;
                })
                .join(' · ')
            : t('profile.none'),
        ],
      ]}
    />
  );
}

export function AvailabilitySummary({ profile, reference }: { profile: Profile; reference: ProfileReference | undefined }) {
  const { t, formatDate, lang } = useI18n();
  const a = profile.availability;
  const contracts = a.wantedContractTypes.map((c) => {
    const found = reference?.contractTypes.find((x) => x.code === c);
    return found ? (lang === 'en' ? found.labelEn : found.label) : c;
  });
  return (
    <Dl
      items={[
        [
          t('profile.av.wantedList'),
          a.wantedOccupations.length ? a.wantedOccupations.map((w) => `${w.label ?? w.code} (${w.code})`).join(', ') : t('profile.none'),
        ],
        [t('profile.av.contracts'), contracts.length ? contracts.join(', ') : t('profile.none')],
        [
          t('profile.av.workingTime'),
          a.workingTime.length
            ? a.workingTime.map((w) => (w === 'full-time' ? t('profile.av.fullTime') : t('profile.av.partTime'))).join(', ')
            : t('profile.none'),
        ],
        [t('profile.av.maxDistance'), a.maxDistanceKm == null ? t('profile.none') : String(a.maxDistanceKm)],
        [t('profile.av.ownVehicle'), a.ownVehicle == null ? t('profile.none') : a.ownVehicle ? t('profile.yes') : t('profile.no')],
        [t('profile.av.availableFrom'), a.availableFrom ? formatDate(a.availableFrom) : t('profile.none')],
        ...(a.notes ? ([[t('profile.av.notes'), a.notes]] as [string, ReactNode][]) : []),
      ]}
    />
  );
}

/** The completion bar, with an accessible name and value. */
export function CompletionBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="progress" style={{ height: 8 }}>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
