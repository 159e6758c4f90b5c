import type { ReactNode } from 'react';
import type { Place, StaffPersonDetail } from '../app/types.ts';
import type { MessageKey } from '../i18n/index.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Reserved } from './Reserved.tsx';

type FieldName = 'familyName' | 'givenName' | 'taxCode' | 'birthDate' | 'sex' | 'residence' | 'domicile' | 'jobCentre' | 'email' | 'phone' | 'specialCategory';

interface Group {
  heading: MessageKey;
  fields: FieldName[];
  /** Show the field even when absent (as "not provided"); optional fields are shown only when present or hidden. */
  optional?: FieldName[];
}

const GROUPS: Group[] = [
  { heading: 'person.identity', fields: ['familyName', 'givenName', 'taxCode', 'birthDate', 'sex'], optional: ['taxCode'] },
  { heading: 'person.addresses', fields: ['residence', 'domicile', 'jobCentre'] },
  { heading: 'person.contacts', fields: ['email', 'phone'] },
  { heading: 'person.special', fields: ['specialCategory'], optional: ['specialCategory'] },
];

const KNOWN = new Set<string>(GROUPS.flatMap((g) => g.fields));

function placeText(p: Place): string {
  return [p.address, p.municipalityName].filter(Boolean).join(', ');
}

/**
 * A person's data as definition lists, grouped; fields listed in `hiddenFields` show "Dato riservato".
 * `headingLevel` keeps the heading order right in the page that embeds it.
 */
export function PersonFields({ person, headingLevel = 3 }: { person: StaffPersonDetail; headingLevel?: 2 | 3 }) {
  const { t, tx, formatDate } = useI18n();
  const hidden = new Set(person.hiddenFields ?? []);
  const H = headingLevel === 2 ? 'h2' : 'h3';

  const value = (name: FieldName): ReactNode | undefined => {
    if (hidden.has(name)) return <Reserved />;
    const notProvided = <span className="ponte-muted">{t('common.notProvided')}</span>;
    switch (name) {
      case 'birthDate':
        return person.birthDate ? formatDate(person.birthDate) : notProvided;
      case 'sex':
        return person.sex ? tx(`sex.${person.sex}`, person.sex) : notProvided;
      case 'residence':
      case 'domicile': {
        const place = person[name];
        return place && placeText(place) ? placeText(place) : notProvided;
      }
      case 'jobCentre':
        return person.jobCentre?.name ?? notProvided;
      case 'email':
        return person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : notProvided;
      case 'specialCategory':
        return person.specialCategory ? (person.specialCategory.notes ?? notProvided) : undefined;
      default: {
        const v = person[name];
        return typeof v === 'string' && v ? v : notProvided;
      }
    }
  };

  const otherHidden = [...hidden].filter((f) => !KNOWN.has(f));

  return (
    <div className="ponte-person-fields">
      {GROUPS.map((g) => {
        const rows = g.fields
          .filter((f) => !g.optional?.includes(f) || hidden.has(f) || person[f] !== undefined)
          .map((f) => ({ f, v: value(f) }))
          .filter((r) => r.v !== undefined);
        if (rows.length === 0) return null;
        return (
          <div key={g.heading} className="mb-3">
            <H className="h5 mb-2">{t(g.heading)}</H>
            <dl className="row mb-0 ponte-dl">
              {rows.map(({ f, v }) => (
                <div key={f} className="col-12 col-sm-6 mb-2" data-field={f}>
                  <dt>{t(`field.${f}` as MessageKey)}</dt>
                  <dd className="mb-0">{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        );
      })}
      {otherHidden.length > 0 && (
        <div className="mb-3">
          <H className="h5 mb-2">{t('person.otherHidden')}</H>
          <dl className="row mb-0 ponte-dl">
            {otherHidden.map((f) => (
              <div key={f} className="col-12 col-sm-6 mb-2" data-field={f}>
                <dt>{tx(`field.${f}`, f)}</dt>
                <dd className="mb-0">
                  <Reserved />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
