import type { Ref } from 'react';
import { useMemo } from 'react';
import { query } from '../../app/api.ts';
import type { Municipality, Province } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import { SelectField } from './fields.tsx';

export interface PlaceDraft {
  province: string;
  municipality: string;
  address: string;
}

export const EMPTY_PLACE: PlaceDraft = { province: '', municipality: '', address: '' };

interface Props {
  kind: 'residence' | 'domicile';
  value: PlaceDraft;
  onChange: (next: PlaceDraft) => void;
  provinces: Province[];
  errors: { municipality?: string | undefined; address?: string | undefined };
  municipalityRef?: Ref<HTMLSelectElement>;
  addressRef?: Ref<HTMLInputElement>;
}

/**
 * Where a person lives: a province select, then the municipality select of that province (native selects:
 * the simplest accessible combobox), then the street address.
 */
export function PlaceFields({ kind, value, onChange, provinces, errors, municipalityRef, addressRef }: Props) {
  const { t } = useI18n();
  const municipalities = useApiGet<{ items: Municipality[] }>(value.province ? `/api/v1/municipalities${query({ province: value.province })}` : null);
  const items = useMemo(
    () => [...(value.province ? (municipalities.data?.items ?? []) : [])].sort((a, b) => a.name.localeCompare(b.name, 'it')),
    [municipalities.data, value.province],
  );
  const labels =
    kind === 'residence'
      ? { province: t('reg.residenceProvince'), municipality: t('reg.residenceMunicipality'), address: t('reg.residenceAddress') }
      : { province: t('reg.domicileProvince'), municipality: t('reg.domicileMunicipality'), address: t('reg.domicileAddress') };
  const loadingList = !!value.province && municipalities.loading;
  const emptyList = !!value.province && !municipalities.loading && !municipalities.error && items.length === 0;

  return (
    <div className="row g-3" data-testid={`${kind}-fields`}>
      <div className="col-12 col-md-4">
        <SelectField
          id={`reg-${kind}-province`}
          label={labels.province}
          value={value.province}
          onValue={(province) => onChange({ ...value, province, municipality: '' })}
          required
        >
          <option value="">{t('reg.chooseProvince')}</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} ({p.code})
            </option>
          ))}
        </SelectField>
      </div>
      <div className="col-12 col-md-8">
        <SelectField
          id={`reg-${kind}-municipality`}
          label={labels.municipality}
          value={value.municipality}
          onValue={(municipality) => onChange({ ...value, municipality })}
          error={errors.municipality ?? (municipalities.error ? t('reg.municipalitiesError') : undefined)}
          help={
            !value.province
              ? t('reg.chooseProvinceFirst')
              : loadingList
                ? t('common.loading')
                : emptyList
                  ? t('reg.noMunicipalities')
                  : t('reg.municipalityHelp')
          }
          required
          selectRef={municipalityRef}
          testId={`${kind}-municipality`}
        >
          <option value="">{value.province ? t('reg.chooseMunicipality') : t('reg.chooseProvinceFirstOption')}</option>
          {items.map((m) => (
            <option key={m.istatCode} value={m.istatCode}>
              {m.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="col-12">
        <TextField
          id={`reg-${kind}-address`}
          label={labels.address}
          value={value.address}
          onValue={(address) => onChange({ ...value, address })}
          error={errors.address}
          help={t('reg.addressHelp')}
          autoComplete="off"
          maxLength={300}
          aria-required="true"
          inputRef={addressRef}
        />
      </div>
    </div>
  );
}
