import { Alert, Button, Card, CardBody } from 'design-react-kit';
import type { FormEvent, MouseEvent, RefObject } from 'react';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type ApiError, api } from '../../app/api.ts';
import { PATHS } from '../../app/roles.ts';
import type { Province } from '../../app/types.ts';
import type { MessageKey } from '../../i18n/index.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageBreadcrumb } from '../../ui/PageBreadcrumb.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { asApiError, problemMessage } from '../../ui/problem.ts';
import { TextField } from '../../ui/TextField.tsx';
import { useApiGet } from '../../ui/useApi.ts';
import { CheckField, RadioGroup } from './fields.tsx';
import { existingPersonIdOf, identityWarningsOf, isCalendarDate, romeToday, sentence } from './helpers.ts';
import { EMPTY_PLACE, type PlaceDraft, PlaceFields } from './PlaceFields.tsx';
import './people.css';
import { IdentityWarnings, type WarningConfirmation } from './IdentityWarnings.tsx';
import type { IdentityWarning, RegisteredState, RegisterPersonRequest, RegisterPersonResult } from './types.ts';

interface Draft {
  taxCode: string;
  familyName: string;
  givenName: string;
  sex: '' | 'M' | 'F';
  birthDate: string;
  birthplaceCode: string;
  citizenship: string;
  residence: PlaceDraft;
  hasDomicile: boolean;
  domicile: PlaceDraft;
  email: string;
  phone: string;
  privacy: boolean;
}

const EMPTY: Draft = {
  taxCode: '',
  familyName: '',
  givenName: '',
  sex: '',
  birthDate: '',
  birthplaceCode: '',
  citizenship: '',
  residence: EMPTY_PLACE,
  hasDomicile: false,
  domicile: EMPTY_PLACE,
  email: '',
  phone: '',
  privacy: false,
};

/** The API's field names, in the order of the form. */
const FIELDS = [
  'taxCode',
  'familyName',
  'givenName',
  'sex',
  'birthDate',
  'birthplaceCode',
  'citizenship',
  'residence.municipalityIstatCode',
  'residence.address',
  'domicile.municipalityIstatCode',
  'domicile.address',
  'email',
  'phone',
  'privacyNoticeGiven',
] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = {
  taxCode: 'reg-taxCode',
  familyName: 'reg-familyName',
  givenName: 'reg-givenName',
  sex: 'reg-sex-F',
  birthDate: 'reg-birthDate',
  birthplaceCode: 'reg-birthplaceCode',
  citizenship: 'reg-citizenship',
  'residence.municipalityIstatCode': 'reg-residence-municipality',
  'residence.address': 'reg-residence-address',
  'domicile.municipalityIstatCode': 'reg-domicile-municipality',
  'domicile.address': 'reg-domicile-address',
  email: 'reg-email',
  phone: 'reg-phone',
  privacyNoticeGiven: 'reg-privacy',
};

const FIELD_LABELS: Record<Field, MessageKey> = {
  taxCode: 'reg.taxCode',
  familyName: 'reg.familyName',
  givenName: 'reg.givenName',
  sex: 'reg.sex',
  birthDate: 'reg.birthDate',
  birthplaceCode: 'reg.birthplaceCode',
  citizenship: 'reg.citizenship',
  'residence.municipalityIstatCode': 'reg.residenceMunicipality',
  'residence.address': 'reg.residenceAddress',
  'domicile.municipalityIstatCode': 'reg.domicileMunicipality',
  'domicile.address': 'reg.domicileAddress',
  email: 'reg.email',
  phone: 'reg.phone',
  privacyNoticeGiven: 'reg.privacyShort',
};

/** Which form field a tax-code warning is about (for "correct the datum"). */
export const WARNING_FIELD: Record<string, Field> = {
  'surname-mismatch': 'familyName',
  'name-mismatch': 'givenName',
  'sex-mismatch': 'sex',
  'birth-date-mismatch': 'birthDate',
  'birthplace-mismatch': 'birthplaceCode',
  'birthplace-not-valid-on-date': 'birthplaceCode',
};

const normaliseCode = (v: string) => v.replace(/\s+/g, '').toUpperCase();
const focusSoon = (ref: RefObject<HTMLElement | null>) => requestAnimationFrame(() => ref.current?.focus());
const focusField = (field: Field) => requestAnimationFrame(() => document.getElementById(FIELD_IDS[field])?.focus());

interface Conflict {
  message: string;
  existingPersonId: string | null;
}

/**
 * Registration of a job seeker by tax code (operator, manager, agency administration): identity, residence and
 * domicile, contacts, privacy notice. The server checks the declared data against the code: differences come back
 * as warnings (422) to correct or confirm with a reason; an already registered code is a 409; an omocode of an
 * existing code registers a different person with a possible-homonym notice, shown on the new person's page.
 */
export function RegisterPersonPage() {
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  const provinces = useApiGet<{ items: Province[] }>('/api/v1/provinces');
  const centres = useApiGet<{ items: { provinceCode: string }[] }>('/api/v1/job-centres');
  const provinceList = useMemo(() => [...(provinces.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'it')), [provinces.data]);

  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [otherErrors, setOtherErrors] = useState<{ field: string; message: string }[]>([]);
  const [summaryShown, setSummaryShown] = useState(false);
  const [warnings, setWarnings] = useState<IdentityWarning[] | null>(null);
  const [warningsProblem, setWarningsProblem] = useState<ApiError | null>(null);
  const [confirmations, setConfirmations] = useState<Record<string, WarningConfirmation>>({});
  const [reasonErrors, setReasonErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const summaryRef = useRef<HTMLDivElement>(null);
  const warningsRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  // Default the province to the caller's own job centre's (an operator or manager sees only theirs).
  // (State adjusted during render, once: no effect needed.)
  const [provinceDefaulted, setProvinceDefaulted] = useState(false);
  const ownCentres = centres.data?.items ?? [];
  const onlyProvince = ownCentres.length === 1 ? ownCentres[0]?.provinceCode : provinceList.length === 1 ? provinceList[0]?.code : undefined;
  if (onlyProvince && !provinceDefaulted) {
    setProvinceDefaulted(true);
    if (!draft.residence.province) setDraft((d) => ({ ...d, residence: { ...d.residence, province: onlyProvince } }));
  }

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const validate = (d: Draft): Errors => {
    const e: Errors = {};
    const code = normaliseCode(d.taxCode);
    if (!code) e.taxCode = t('reg.errTaxCodeRequired');
    else if (!/^[A-Z0-9]{16}$/.test(code) && !/^\d{11}$/.test(code)) e.taxCode = t('reg.errTaxCodeFormat');
    if (!d.familyName.trim()) e.familyName = t('reg.errFamilyName');
    if (!d.givenName.trim()) e.givenName = t('reg.errGivenName');
    if (!d.sex) e.sex = t('reg.errSex');
    if (!d.birthDate) e.birthDate = t('reg.errBirthDate');
    else if (!isCalendarDate(d.birthDate)) e.birthDate = t('reg.errBirthDateFormat');
    else if (d.birthDate > romeToday()) e.birthDate = t('reg.errBirthDateFuture');
    if (d.birthplaceCode.trim() && !/^[A-Za-z]\d{3}$/.test(d.birthplaceCode.trim())) e.birthplaceCode = t('reg.errBirthplace');
    if (!d.residence.municipality) e['residence.municipalityIstatCode'] = t('reg.errResidenceMunicipality');
    if (d.residence.address.trim().length < 3) e['residence.address'] = t('reg.errResidenceAddress');
    if (d.hasDomicile) {
      if (!d.domicile.municipality) e['domicile.municipalityIstatCode'] = t('reg.errDomicileMunicipality');
      if (d.domicile.address.trim().length < 3) e['domicile.address'] = t('reg.errDomicileAddress');
    }
    if (d.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) e.email = t('reg.errEmail');
    if (d.phone.trim() && !/^[0-9 +./-]{6,20}$/.test(d.phone.trim())) e.phone = t('reg.errPhone');
    if (!d.privacy) e.privacyNoticeGiven = t('reg.errPrivacy');
    return e;
  };

  const bodyOf = (d: Draft, overrides: { warning: string; reason: string }[]): RegisterPersonRequest => {
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    return {
      taxCode: normaliseCode(d.taxCode),
      givenName: d.givenName.trim(),
      familyName: d.familyName.trim(),
      sex: d.sex as 'M' | 'F',
      birthDate: d.birthDate,
      birthplaceCode: optional(d.birthplaceCode)?.toUpperCase(),
      citizenship: optional(d.citizenship),
      residence: { municipalityIstatCode: d.residence.municipality, address: d.residence.address.trim() },
      domicile: d.hasDomicile ? { municipalityIstatCode: d.domicile.municipality, address: d.domicile.address.trim() } : undefined,
      email: optional(d.email),
      phone: optional(d.phone),
      privacyNoticeGiven: true,
      ...(overrides.length > 0 ? { overrides } : {}),
    };
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (submitting) return;
    setFailure(null);
    setConflict(null);
    setOtherErrors([]);
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummaryShown(true);
      focusSoon(summaryRef);
      return;
    }
    setSummaryShown(false);

    // Warnings confirmed with a reason travel as overrides; a confirmation needs its reason.
    const overrides: { warning: string; reason: string }[] = [];
    const missingReasons: Record<string, string> = {};
    for (const w of warnings ?? []) {
      const c = confirmations[w.warning];
      if (!c?.confirmed) continue;
      if (c.reason.trim().length < 5) missingReasons[w.warning] = t('reg.errReason');
      else overrides.push({ warning: w.warning, reason: c.reason.trim() });
    }
    setReasonErrors(missingReasons);
    const firstMissing = Object.keys(missingReasons)[0];
    if (firstMissing) {
      requestAnimationFrame(() => document.getElementById(`reg-reason-${firstMissing}`)?.focus());
      return;
    }

    setSubmitting(true);
    const body = bodyOf(draft, overrides);
    try {
      const result = await api.post<RegisterPersonResult>('/api/v1/people', body);
      const state: RegisteredState = { registered: result };
      navigate(PATHS.person(result.id), { state });
    } catch (err) {
      const apiErr = asApiError(err);
      setSubmitting(false);
      if (apiErr.status === 422) {
        const list = identityWarningsOf(apiErr);
        setWarnings(list);
        setWarningsProblem(apiErr);
        // Keep what was confirmed for warnings that are still there.
        setConfirmations((prev) => Object.fromEntries(list.map((w) => [w.warning, prev[w.warning] ?? { confirmed: false, reason: '' }])));
        focusSoon(warningsRef);
        return;
      }
      if (apiErr.status === 409) {
        // The server names the existing record only to those who may open it.
        setConflict({ message: problemMessage(apiErr, t), existingPersonId: existingPersonIdOf(apiErr) });
        focusSoon(conflictRef);
        return;
      }
      if (apiErr.status === 400 && apiErr.problem.errors?.length) {
        const fromServer: Errors = {};
        const unknown: { field: string; message: string }[] = [];
        for (const fe of apiErr.problem.errors) {
          const f = (FIELDS as readonly string[]).includes(fe.field) ? (fe.field as Field) : undefined;
          if (f && !fromServer[f]) fromServer[f] = sentence(fe.message);
          else if (!f) unknown.push({ field: fe.field, message: sentence(fe.message) });
        }
        setErrors(fromServer);
        setOtherErrors(unknown);
        setSummaryShown(true);
        focusSoon(summaryRef);
        return;
      }
      setFailure(apiErr);
      focusSoon(failureRef);
    }
  };

  const onSummaryLink = (field: Field) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    focusField(field);
  };

  const errorList = FIELDS.filter((f) => errors[f]);
  const title = t('reg.title');
  const setPlace = (kind: 'residence' | 'domicile') => (next: PlaceDraft) => setDraft((d) => ({ ...d, [kind]: next }));

  return (
    <>
      <PageBreadcrumb label={t('common.breadcrumb')} items={[{ label: t('nav.backoffice'), to: PATHS.backoffice }, { label: t('reg.breadcrumb') }]} />
      <PageTitle title={title} lead={t('reg.intro')}>
        {title}
      </PageTitle>

      {summaryShown && (errorList.length > 0 || otherErrors.length > 0) && (
        <div ref={summaryRef} tabIndex={-1} className="ponte-focus-target">
          <Alert color="danger" fade={false} testId="register-errors" role="alert">
            <p className="fw-semibold mb-1">{t('reg.errorsTitle')}</p>
            <p className="mb-1">{t('reg.errorsIntro')}</p>
            <ul className="mb-0 ps-3">
              {errorList.map((f) => (
                <li key={f}>
                  <a href={`#${FIELD_IDS[f]}`} onClick={onSummaryLink(f)}>
                    {t(FIELD_LABELS[f])}
                  </a>
                  : {errors[f]}
                </li>
              ))}
              {otherErrors.map((o) => (
                <li key={`${o.field}-${o.message}`}>
                  {o.field}: {o.message}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      )}

      {conflict && (
        <div ref={conflictRef} tabIndex={-1} className="ponte-focus-target">
          <Alert color="warning" fade={false} testId="register-conflict" role="alert">
            <p className="fw-semibold mb-1">{t('reg.conflictTitle')}</p>
            <p className="mb-2">{conflict.message}</p>
            {conflict.existingPersonId ? (
              <Link className="btn btn-primary btn-sm" to={PATHS.person(conflict.existingPersonId)} data-testid="existing-person-link">
                {t('reg.conflictOpen')}
              </Link>
            ) : (
              <p className="mb-0">{t('reg.conflictOutOfScope')}</p>
            )}
          </Alert>
        </div>
      )}

      {failure && (
        <div ref={failureRef} tabIndex={-1} className="ponte-focus-target">
          <ProblemAlert error={failure} title={t('reg.failedTitle')} testId="register-failure" />
        </div>
      )}

      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="register-form" className="ponte-register-form">
        {warnings && warnings.length > 0 && (
          <IdentityWarnings
            panelRef={warningsRef}
            title={warningsProblem?.problem.title ?? t('reg.warningsTitle')}
            detail={warningsProblem ? problemMessage(warningsProblem, t) : ''}
            warnings={warnings}
            confirmations={confirmations}
            reasonErrors={reasonErrors}
            onConfirmation={(warning, c) => {
              setConfirmations((prev) => ({ ...prev, [warning]: c }));
              if (reasonErrors[warning] && c.reason.trim().length >= 5) setReasonErrors(({ [warning]: _, ...rest }) => rest);
            }}
            onCorrect={(warning) => {
              const f = WARNING_FIELD[warning];
              if (f) focusField(f);
            }}
            fieldLabelOf={(warning) => {
              const f = WARNING_FIELD[warning];
              return f ? t(FIELD_LABELS[f]) : null;
            }}
            submitting={submitting}
          />
        )}

        <Card className="shadow-sm rounded mb-4" tag="div">
          <CardBody className="p-4">
            <h2 className="h4 mb-4">{t('reg.sectionIdentity')}</h2>
            <div className="row g-3 pt-2">
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.taxCode}
                  name="taxCode"
                  label={t('reg.taxCode')}
                  value={draft.taxCode}
                  onValue={(v) => set('taxCode')(v.toUpperCase())}
                  error={errors.taxCode}
                  help={t('reg.taxCodeHelp')}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={20}
                  aria-required="true"
                  className="font-monospace"
                />
              </div>
              <div className="col-12 col-md-6" />
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.familyName}
                  name="familyName"
                  label={t('reg.familyName')}
                  value={draft.familyName}
                  onValue={set('familyName')}
                  error={errors.familyName}
                  autoComplete="off"
                  maxLength={100}
                  aria-required="true"
                />
              </div>
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.givenName}
                  name="givenName"
                  label={t('reg.givenName')}
                  value={draft.givenName}
                  onValue={set('givenName')}
                  error={errors.givenName}
                  help={t('reg.givenNameHelp')}
                  autoComplete="off"
                  maxLength={100}
                  aria-required="true"
                />
              </div>
              <div className="col-12 col-md-6">
                <RadioGroup
                  name="reg-sex"
                  legend={t('reg.sex')}
                  value={draft.sex}
                  onValue={(v) => set('sex')(v as Draft['sex'])}
                  options={[
                    { value: 'F', label: tx('sex.F', 'F') },
                    { value: 'M', label: tx('sex.M', 'M') },
                  ]}
                  error={errors.sex}
                />
              </div>
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.birthDate}
                  name="birthDate"
                  type="date"
                  label={t('reg.birthDate')}
                  value={draft.birthDate}
                  onValue={set('birthDate')}
                  error={errors.birthDate}
                  max={romeToday()}
                  aria-required="true"
                />
              </div>
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.birthplaceCode}
                  name="birthplaceCode"
                  label={t('reg.birthplaceCode')}
                  value={draft.birthplaceCode}
                  onValue={(v) => set('birthplaceCode')(v.toUpperCase())}
                  error={errors.birthplaceCode}
                  help={t('reg.birthplaceHelp')}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={4}
                  className="font-monospace"
                />
              </div>
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.citizenship}
                  name="citizenship"
                  label={t('reg.citizenship')}
                  value={draft.citizenship}
                  onValue={set('citizenship')}
                  error={errors.citizenship}
                  help={t('reg.citizenshipHelp')}
                  autoComplete="off"
                  maxLength={60}
                />
              </div>
            </div>
          </CardBody>
        </Card>

        <Card className="shadow-sm rounded mb-4" tag="div">
          <CardBody className="p-4">
            <h2 className="h4 mb-2">{t('reg.sectionPlaces')}</h2>
            <p className="mb-4">{t('reg.placesIntro')}</p>
            {provinces.loading && <Loading />}
            {provinces.error && !provinces.loading && <ProblemAlert error={provinces.error} onRetry={provinces.reload} />}
            <h3 className="h5 mb-4">{t('reg.residenceHeading')}</h3>
            <PlaceFields
              kind="residence"
              value={draft.residence}
              onChange={setPlace('residence')}
              provinces={provinceList}
              errors={{ municipality: errors['residence.municipalityIstatCode'], address: errors['residence.address'] }}
            />
            <CheckField
              id="reg-hasDomicile"
              label={t('reg.hasDomicile')}
              checked={draft.hasDomicile}
              onChecked={(v) =>
                setDraft((d) => ({ ...d, hasDomicile: v, domicile: v ? { ...d.domicile, province: d.domicile.province || d.residence.province } : d.domicile }))
              }
              help={t('reg.hasDomicileHelp')}
            />
            {draft.hasDomicile && (
              <>
                <h3 className="h5 mb-4">{t('reg.domicileHeading')}</h3>
                <PlaceFields
                  kind="domicile"
                  value={draft.domicile}
                  onChange={setPlace('domicile')}
                  provinces={provinceList}
                  errors={{ municipality: errors['domicile.municipalityIstatCode'], address: errors['domicile.address'] }}
                />
              </>
            )}
          </CardBody>
        </Card>

        <Card className="shadow-sm rounded mb-4" tag="div">
          <CardBody className="p-4">
            <h2 className="h4 mb-4">{t('reg.sectionContacts')}</h2>
            <div className="row g-3 pt-2">
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.email}
                  name="email"
                  type="email"
                  label={t('reg.email')}
                  value={draft.email}
                  onValue={set('email')}
                  error={errors.email}
                  help={t('reg.optional')}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={200}
                />
              </div>
              <div className="col-12 col-md-6">
                <TextField
                  id={FIELD_IDS.phone}
                  name="phone"
                  type="tel"
                  label={t('reg.phone')}
                  value={draft.phone}
                  onValue={set('phone')}
                  error={errors.phone}
                  help={t('reg.phoneHelp')}
                  autoComplete="off"
                  maxLength={20}
                />
              </div>
            </div>
          </CardBody>
        </Card>

        <Card className="shadow-sm rounded mb-4" tag="div">
          <CardBody className="p-4">
            <h2 className="h4 mb-3">{t('reg.sectionPrivacy')}</h2>
            <p>{t('reg.privacyIntro')}</p>
            <CheckField
              id={FIELD_IDS.privacyNoticeGiven}
              label={t('reg.privacy')}
              checked={draft.privacy}
              onChecked={set('privacy')}
              error={errors.privacyNoticeGiven}
              required
              testId="privacy-check"
            />
          </CardBody>
        </Card>

        <div className="d-flex flex-wrap gap-3 align-items-center mb-4">
          <Button color="primary" type="submit" disabled={submitting} data-testid="register-submit">
            {submitting ? t('reg.submitting') : t('reg.submit')}
          </Button>
          <Link to={PATHS.backoffice}>{t('reg.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
