import { Alert, Button } from 'design-react-kit';
import type { Dispatch, FormEvent, ReactNode, Ref, SetStateAction } from 'react';
import { useId, useImperativeHandle, useRef, useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { type ClassificationKind, ClassificationPicker, type PickedItem } from '../../../ui/ClassificationPicker.tsx';
import { ProblemAlert } from '../../../ui/ProblemAlert.tsx';
import { asApiError } from '../../../ui/problem.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { CheckField, SelectField, TextAreaField } from '../fields.tsx';
import { conflictOf, saveProfile, uploadCv } from './profileApi.ts';
import type { ConflictInfo, ExperienceRow, Profile, ProfileReference } from './types.ts';

/** The forms of the professional profile, shared by the citizen's steps and the back-office section. */

type Errors = Record<string, string | undefined>;
const sentence = (m: string) => (m ? m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.') : m);

function fieldErrors(err: ApiError, fields: string[]): Errors {
  const out: Errors = {};
  for (const f of fields) {
    const m = err.problem.errors?.find((e) => e.field === f || e.field.startsWith(`${f}.`))?.message;
    if (m) out[f] = sentence(m);
  }
  return out;
}

/** Something a step can ask a form to do when "Salva e continua" is pressed: save what is typed, true when done. */
export interface StepSubmit {
  submit: () => Promise<boolean>;
}

/** A version conflict, clearly: what changed, by whom, what was typed is kept; reload or overwrite. */
export function ConflictAlert({ conflict, onReload, onOverwrite }: { conflict: ConflictInfo; onReload: () => void; onOverwrite?: () => void }) {
  const { t, tx, formatDateTime } = useI18n();
  const fields = conflict.changedFields.map((f) => tx(`profile.field.${f}`, f)).join(', ') || t('common.none');
  const who = conflict.changedBy.at(-1);
  return (
    <Alert color="warning" fade={false} testId="profile-conflict" role="alert" className="mb-4">
      <p className="fw-semibold mb-1">{t('profile.conflict.title')}</p>
      <p className="mb-1">{t('profile.conflict.body', { fields })}</p>
      {who && (
        <p className="mb-1">
          {t('profile.conflict.by', {
            who: [who.name, who.role ? tx(`role.${who.role}`, who.role) : null].filter(Boolean).join(', '),
            at: formatDateTime(who.at),
          })}
        </p>
      )}
      <p className="mb-2">{t('profile.conflict.kept')}</p>
      <div className="d-flex flex-wrap gap-2">
        <Button color="primary" size="sm" type="button" onClick={onReload}>
          {t('profile.conflict.reload')}
        </Button>
        {onOverwrite && (
          <Button color="primary" outline size="sm" type="button" onClick={onOverwrite}>
            {t('profile.conflict.overwrite')}
          </Button>
        )}
      </div>
    </Alert>
  );
}

interface SaveState {
  busy: boolean;
  failure: ApiError | null;
  conflict: ConflictInfo | null;
}

/** Runs a save: field errors next to the fields, a 409 as a conflict, anything else as a problem alert. */
function useSaver(fields: string[]) {
  const [state, setState] = useState<SaveState>({ busy: false, failure: null, conflict: null });
  const [errors, setErrors] = useState<Errors>({});
  const run = async (save: () => Promise<Profile>, onSaved: (p: Profile) => void): Promise<boolean> => {
    setState({ busy: true, failure: null, conflict: null });
    try {
      const profile = await save();
      setErrors({});
      setState({ busy: false, failure: null, conflict: null });
      onSaved(profile);
      return true;
    } catch (err) {
      const e = asApiError(err);
      if (e.status === 409) {
        setState({ busy: false, failure: null, conflict: conflictOf(e) });
        return false;
      }
      const fe = fieldErrors(e, fields);
      setErrors(fe);
      setState({ busy: false, failure: e, conflict: null });
      return false;
    }
  };
  /** Errors found before sending: shown next to the fields, with the "fix the errors" alert. */
  const invalid = (found: Errors) => {
    setErrors(found);
    setState({ busy: false, failure: new ApiError({ status: 400 }), conflict: null });
  };
  return { state, setState, errors, setErrors, run, invalid };
}

function Failure({ state, errors }: { state: SaveState; errors: Errors }) {
  const { t } = useI18n();
  if (!state.failure) return null;
  if (Object.values(errors).some(Boolean))
    return (
      <Alert color="danger" fade={false} role="alert" testId="profile-form-errors">
        {t('profile.fixErrors')}
      </Alert>
    );
  return <ProblemAlert error={state.failure} />;
}

// ——— Education ———

export function EducationForm({
  base,
  reference,
  onSaved,
  submitRef,
}: {
  base: string;
  reference: ProfileReference;
  onSaved: (p: Profile) => void;
  submitRef?: Ref<StepSubmit>;
}) {
  const { t, lang } = useI18n();
  const uid = useId().replace(/:/g, '');
  const empty = { titleCode: '', fieldOfStudy: '', institution: '', completedYear: '', country: 'IT' };
  const [v, setV] = useState(empty);
  const saver = useSaver(['titleCode', 'fieldOfStudy', 'institution', 'completedYear', 'country']);
  const set = (k: keyof typeof empty) => (value: string) => setV((p) => ({ ...p, [k]: value }));
  const filled = v.titleCode !== '' || v.fieldOfStudy.trim() !== '' || v.institution.trim() !== '' || v.completedYear.trim() !== '';

  const submit = async (): Promise<boolean> => {
    if (!v.titleCode) {
      saver.invalid({ titleCode: t('profile.edu.required') });
      return false;
    }
    const year = v.completedYear.trim();
    return saver.run(
      () =>
        saveProfile('POST', `${base}/education`, {
          titleCode: v.titleCode,
          fieldOfStudy: v.fieldOfStudy || null,
          institution: v.institution || null,
          completedYear: year ? (/^\d+$/.test(year) ? Number(year) : (year as unknown as number)) : null,
          country: v.country.trim().toUpperCase() || null,
        }),
      (p) => {
        setV(empty);
        onSaved(p);
      },
    );
  };
  useImperativeHandle(submitRef, () => ({ submit: async () => (filled ? submit() : true) }));

  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="education-form"
    >
      <div className="row g-3">
        <div className="col-12 col-lg-6">
          <SelectField id={`edu-title-${uid}`} label={t('profile.edu.title')} value={v.titleCode} onValue={set('titleCode')} error={saver.errors.titleCode}>
            <option value="">{t('profile.edu.choose')}</option>
            {reference.educationTitles.items.map((i) => (
              <option key={i.code} value={i.code}>
                {lang === 'en' ? i.labelEn : i.label}
                {i.eqfLevel ? ` — EQF ${i.eqfLevel}` : ''}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={`edu-field-${uid}`}
            label={`${t('profile.edu.field')} ${t('profile.optional')}`}
            value={v.fieldOfStudy}
            onValue={set('fieldOfStudy')}
            error={saver.errors.fieldOfStudy}
          />
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={`edu-inst-${uid}`}
            label={`${t('profile.edu.institution')} ${t('profile.optional')}`}
            value={v.institution}
            onValue={set('institution')}
            error={saver.errors.institution}
          />
        </div>
        <div className="col-6 col-lg-3">
          <TextField
            id={`edu-year-${uid}`}
            label={t('profile.edu.year')}
            inputMode="numeric"
            value={v.completedYear}
            onValue={set('completedYear')}
            error={saver.errors.completedYear}
            help={t('profile.edu.yearHelp')}
          />
        </div>
        <div className="col-6 col-lg-3">
          <TextField
            id={`edu-country-${uid}`}
            label={t('profile.edu.country')}
            value={v.country}
            onValue={set('country')}
            error={saver.errors.country}
            maxLength={2}
          />
        </div>
      </div>
      <Failure state={saver.state} errors={saver.errors} />
      <Button color="primary" outline type="submit" disabled={saver.state.busy}>
        {t('profile.edu.addTitle')}
      </Button>
    </form>
  );
}

// ——— Experiences ———

interface ExperienceValues {
  employerName: string;
  employerTaxCode: string;
  occupation: PickedItem | null;
  sector: PickedItem | null;
  startedOn: string;
  endedOn: string;
  contractType: string;
  description: string;
}

const experienceValues = (e?: ExperienceRow): ExperienceValues => ({
  employerName: e?.employerName ?? '',
  employerTaxCode: e?.employerTaxCode ?? '',
  occupation: e ? { code: e.occupationCode, label: e.occupationLabel ?? e.occupationCode } : null,
  sector: e?.sectorCode ? { code: e.sectorCode, label: e.sectorLabel ?? e.sectorCode } : null,
  startedOn: e?.startedOn ?? '',
  endedOn: e?.endedOn ?? '',
  contractType: e?.contractType ?? '',
  description: e?.description ?? '',
});

const EXPERIENCE_FIELDS = ['employerName', 'employerTaxCode', 'occupationCode', 'sectorCode', 'startedOn', 'endedOn', 'contractType', 'description'];

/** Adds an experience, or corrects one (`existing`, with its version: a stale version shows the conflict). */
export function ExperienceForm({
  base,
  reference,
  existing,
  onSaved,
  onCancel,
  reload,
  submitRef,
}: {
  base: string;
  reference: ProfileReference;
  existing?: ExperienceRow;
  onSaved: (p: Profile) => void;
  onCancel?: () => void;
  /** Reads the profile again (after a conflict); answers the row as it now is. */
  reload?: () => Promise<Profile>;
  submitRef?: Ref<StepSubmit>;
}) {
  const { t, lang } = useI18n();
  const uid = useId().replace(/:/g, '');
  const [v, setV] = useState<ExperienceValues>(() => experienceValues(existing));
  const [version, setVersion] = useState(existing?.version ?? 0);
  const saver = useSaver(EXPERIENCE_FIELDS);
  const set = (k: keyof ExperienceValues) => (value: string) => setV((p) => ({ ...p, [k]: value }));
  const employerRef = useRef<HTMLInputElement>(null);
  const filled = v.employerName.trim() !== '' || v.occupation !== null || v.startedOn !== '';

  const submit = async (overrideVersion?: number): Promise<boolean> => {
    const local: Errors = {};
    if (v.employerName.trim().length < 2) local.employerName = t('profile.exp.employerRequired');
    if (!v.occupation) local.occupationCode = t('profile.exp.occupationRequired');
    if (!v.startedOn) local.startedOn = t('profile.exp.startRequired');
    if (Object.keys(local).length) {
      saver.invalid(local);
      return false;
    }
    const body = {
      employerName: v.employerName,
      employerTaxCode: v.employerTaxCode || null,
      occupationCode: v.occupation?.code,
      sectorCode: v.sector?.code ?? null,
      startedOn: v.startedOn,
      endedOn: v.endedOn || null,
      contractType: v.contractType || null,
      description: v.description || null,
    };
    return saver.run(
      () =>
        existing
          ? saveProfile('PUT', `${base}/experiences/${existing.id}`, { ...body, version: overrideVersion ?? version })
          : saveProfile('POST', `${base}/experiences`, body),
      (p) => {
        if (!existing) setV(experienceValues());
        else setVersion(p.experiences.find((x) => x.id === existing.id)?.version ?? version);
        onSaved(p);
      },
    );
  };
  useImperativeHandle(submitRef, () => ({ submit: async () => (filled ? submit() : true) }));

  const onReload = async () => {
    if (!reload || !existing) return;
    const p = await reload();
    const now = p.experiences.find((x) => x.id === existing.id);
    if (now) {
      setV(experienceValues(now));
      setVersion(now.version);
    }
    saver.setState({ busy: false, failure: null, conflict: null });
  };
  const onOverwrite = () => {
    const current = saver.state.conflict?.currentVersion;
    if (current == null) return;
    setVersion(current);
    void submit(current);
  };

  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
      data-testid={existing ? 'experience-edit-form' : 'experience-form'}
    >
      {saver.state.conflict && <ConflictAlert conflict={saver.state.conflict} onReload={() => void onReload()} onOverwrite={onOverwrite} />}
      <div className="row g-3">
        <div className="col-12 col-lg-6">
          <TextField
            id={`exp-employer-${uid}`}
            label={t('profile.exp.employer')}
            value={v.employerName}
            onValue={set('employerName')}
            error={saver.errors.employerName}
            inputRef={employerRef}
          />
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={`exp-employer-cf-${uid}`}
            label={`${t('profile.exp.employerTaxCode')} ${t('profile.optional')}`}
            value={v.employerTaxCode}
            onValue={set('employerTaxCode')}
            error={saver.errors.employerTaxCode}
            autoComplete="off"
          />
        </div>
        <div className="col-12 col-lg-6">
          <ClassificationPicker
            id={`exp-occupation-${uid}`}
            kind="occupation"
            minLevel={5}
            label={t('profile.exp.occupation')}
            value={v.occupation}
            onChange={(occupation) => setV((p) => ({ ...p, occupation }))}
            error={saver.errors.occupationCode}
            help={t('profile.exp.occupationHelp')}
            testId="experience-occupation"
          />
        </div>
        <div className="col-12 col-lg-6">
          <ClassificationPicker
            id={`exp-sector-${uid}`}
            kind="sector"
            label={`${t('profile.exp.sector')} ${t('profile.optional')}`}
            value={v.sector}
            onChange={(sector) => setV((p) => ({ ...p, sector }))}
            error={saver.errors.sectorCode}
            help={t('profile.exp.sectorHelp')}
          />
        </div>
        <div className="col-6 col-lg-3">
          <TextField
            id={`exp-start-${uid}`}
            type="date"
            label={t('profile.exp.startedOn')}
            value={v.startedOn}
            onValue={set('startedOn')}
            error={saver.errors.startedOn}
          />
        </div>
        <div className="col-6 col-lg-3">
          <TextField
            id={`exp-end-${uid}`}
            type="date"
            label={t('profile.exp.endedOn')}
            value={v.endedOn}
            onValue={set('endedOn')}
            error={saver.errors.endedOn}
            help={t('profile.exp.endedOnHelp')}
          />
        </div>
        <div className="col-12 col-lg-6">
          <SelectField
            id={`exp-contract-${uid}`}
            label={`${t('profile.exp.contract')} ${t('profile.optional')}`}
            value={v.contractType}
            onValue={set('contractType')}
            error={saver.errors.contractType}
          >
            <option value="">{t('common.none')}</option>
            {reference.contractTypes.map((c) => (
              <option key={c.code} value={c.code}>
                {lang === 'en' ? c.labelEn : c.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12">
          <TextAreaField
            id={`exp-desc-${uid}`}
            label={`${t('profile.exp.description')} ${t('profile.optional')}`}
            value={v.description}
            onValue={set('description')}
            error={saver.errors.description}
            help={t('profile.exp.descriptionHelp')}
            rows={3}
          />
        </div>
      </div>
      <Failure state={saver.state} errors={saver.errors} />
      <div className="d-flex flex-wrap gap-2">
        <Button color="primary" outline={!existing} type="submit" disabled={saver.state.busy}>
          {existing ? t('profile.save') : t('profile.exp.addExperience')}
        </Button>
        {onCancel && (
          <Button color="secondary" outline type="button" onClick={onCancel}>
            {t('profile.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}

// ——— Profile-level sections (versioned together) ———

export interface SectionProps {
  base: string;
  profile: Profile;
  reference: ProfileReference;
  onSaved: (p: Profile) => void;
  reload: () => Promise<Profile>;
  /** Shown on the submit button; the citizen's steps say "Salva e continua". */
  submitLabel: string;
  /** Extra buttons beside the submit button (e.g. "Indietro"). */
  extra?: ReactNode;
  testId: string;
}

/** The frame of a profile-level section: the profile's version kept; `saved` takes the new version and passes the profile on. */
function useSection(profile: Profile, fields: string[], onSaved: (p: Profile) => void) {
  const [version, setVersion] = useState(profile.version);
  const saver = useSaver(fields);
  const saved = (p: Profile) => {
    setVersion(p.version);
    onSaved(p);
  };
  return { version, setVersion, saver, saved };
}

/**
 * The form of a profile-level section: submits with the version kept; a conflict is shown with "reload" (the profile as
 * it now is, what was typed stays) and "overwrite" (saves again with the current version); errors next to the fields.
 */
function SectionForm({
  section,
  save,
  reload,
  submitLabel,
  extra,
  testId,
  children,
}: Pick<SectionProps, 'reload' | 'submitLabel' | 'extra' | 'testId'> & {
  section: ReturnType<typeof useSection>;
  save: (version: number) => unknown;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { saver, setVersion } = section;
  const onReload = async () => {
    const p = await reload();
    setVersion(p.version);
    saver.setState({ busy: false, failure: null, conflict: null });
  };
  const onOverwrite = () => {
    const c = saver.state.conflict?.currentVersion;
    if (c != null) {
      setVersion(c);
      void save(c);
    }
  };
  return (
    <form
      noValidate
      data-testid={testId}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save(section.version);
      }}
    >
      {saver.state.conflict && <ConflictAlert conflict={saver.state.conflict} onReload={() => void onReload()} onOverwrite={onOverwrite} />}
      {children}
      <Failure state={saver.state} errors={saver.errors} />
      <div className="d-flex flex-wrap gap-2 mt-3">
        {extra}
        <Button color="primary" type="submit" disabled={saver.state.busy}>
          {saver.state.busy ? t('profile.saving') : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/**
 * A classification picker that adds to a list, and the list as removable chips (or "none") under its heading.
 * Test ids: `<testId>-picker` and `<testId>-chosen`.
 */
function PickedChips({
  id,
  kind,
  minLevel,
  label,
  help,
  error,
  testId,
  heading,
  items,
  setItems,
  showCode = false,
}: {
  id: string;
  kind: ClassificationKind;
  minLevel?: number;
  label: string;
  help: string;
  error: string | undefined;
  testId: string;
  heading: string;
  items: PickedItem[];
  setItems: Dispatch<SetStateAction<PickedItem[]>>;
  /** Show the code after the label, e.g. "Cuochi (5.2.2.1)". */
  showCode?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <ClassificationPicker
        id={id}
        kind={kind}
        minLevel={minLevel}
        clearOnPick
        label={label}
        value={null}
        onChange={(o) => o && !items.some((x) => x.code === o.code) && setItems((p) => [...p, o])}
        help={help}
        error={error}
        testId={`${testId}-picker`}
      />
      <h3 className="h6">{heading}</h3>
      {items.length === 0 ? (
        <p>{t('profile.none')}</p>
      ) : (
        <ul className="list-unstyled d-flex flex-wrap gap-2" data-testid={`${testId}-chosen`}>
          {items.map((item) => (
            <li key={item.code} className="chip chip-simple chip-lg">
              <span className="chip-label">{showCode ? `${item.label} (${item.code})` : item.label}</span>
              <button type="button" aria-label={`${t('profile.remove')}: ${item.label}`} onClick={() => setItems((p) => p.filter((x) => x.code !== item.code))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function SkillsForm({ base, profile, reference, onSaved, reload, submitLabel, extra, testId }: SectionProps) {
  const { t, lang } = useI18n();
  const uid = useId().replace(/:/g, '');
  const section = useSection(profile, ['skills', 'languages'], onSaved);
  const { saver } = section;
  const [skills, setSkills] = useState<PickedItem[]>(profile.skills.map((s) => ({ code: s.uri, label: s.label })));
  const [languages, setLanguages] = useState(profile.languages.map((l) => ({ ...l, level: l.level ?? '' })));
  const languageName = (code: string) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const save = (v: number) =>
    saver.run(
      () =>
        saveProfile('PUT', `${base}/skills`, {
          version: v,
          skills: skills.map((s) => s.code),
          languages: languages
            .filter((l) => l.language)
            .map((l) => ({ language: l.language, motherTongue: l.motherTongue, level: l.motherTongue ? null : l.level || null })),
        }),
      section.saved,
    );
  const used = new Set(languages.map((l) => l.language));
  return (
    <SectionForm section={section} save={save} reload={reload} submitLabel={submitLabel} extra={extra} testId={testId}>
      <PickedChips
        id={`skills-${uid}`}
        kind="skill"
        label={t('profile.skills.picker')}
        help={t('profile.skills.pickerHelp')}
        error={saver.errors.skills}
        testId="skills"
        heading={t('profile.skills.list')}
        items={skills}
        setItems={setSkills}
      />
      <fieldset className="mt-4">
        <legend className="h6">{t('profile.skills.languages')}</legend>
        <p className="small">{t('profile.skills.levelsSource')}</p>
        {languages.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity while editing
          <div className="row g-2 align-items-end" key={i}>
            <div className="col-12 col-md-4">
              <SelectField
                id={`lang-${uid}-${i}`}
                label={t('profile.skills.language')}
                value={l.language}
                onValue={(language) => setLanguages((p) => p.map((x, j) => (j === i ? { ...x, language } : x)))}
                error={saver.errors.languages && i === 0 ? saver.errors.languages : undefined}
              >
                <option value="">{t('common.none')}</option>
                {[...new Set([...reference.languages, l.language].filter(Boolean))].map((code) => (
                  <option key={code} value={code} disabled={code !== l.language && used.has(code)}>
                    {languageName(code)}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="col-6 col-md-3">
              <CheckField
                id={`lang-mother-${uid}-${i}`}
                label={t('profile.skills.motherTongue')}
                checked={l.motherTongue}
                onChecked={(motherTongue) => setLanguages((p) => p.map((x, j) => (j === i ? { ...x, motherTongue } : x)))}
              />
            </div>
            <div className="col-6 col-md-3">
              {!l.motherTongue && (
                <SelectField
                  id={`lang-level-${uid}-${i}`}
                  label={t('profile.skills.level')}
                  value={l.level}
                  onValue={(level) => setLanguages((p) => p.map((x, j) => (j === i ? { ...x, level } : x)))}
                >
                  <option value="">{t('profile.skills.levelChoose')}</option>
                  {reference.cefrLevels.items.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </SelectField>
              )}
            </div>
            <div className="col-12 col-md-2 pb-3">
              <Button color="secondary" outline size="sm" type="button" onClick={() => setLanguages((p) => p.filter((_, j) => j !== i))}>
                {t('profile.remove')}
                <span className="visually-hidden"> {languageName(l.language)}</span>
              </Button>
            </div>
          </div>
        ))}
        <Button
          color="primary"
          outline
          size="sm"
          type="button"
          onClick={() => setLanguages((p) => [...p, { language: '', motherTongue: false, level: '' }])}
          data-testid="add-language"
        >
          {t('profile.skills.addLanguage')}
        </Button>
        {saver.errors.languages && <p className="ponte-error-text small mt-2">{saver.errors.languages}</p>}
      </fieldset>
    </SectionForm>
  );
}

export function LicencesForm({ base, profile, reference, onSaved, reload, submitLabel, extra, testId }: SectionProps) {
  const { t, lang } = useI18n();
  const uid = useId().replace(/:/g, '');
  const section = useSection(profile, ['drivingLicences', 'digitalSkills'], onSaved);
  const { saver } = section;
  const [licences, setLicences] = useState<string[]>(profile.drivingLicences);
  const [digital, setDigital] = useState<Record<string, string>>(Object.fromEntries(Object.entries(profile.digitalSkills).map(([k, n]) => [k, String(n)])));
  const save = (v: number) =>
    saver.run(
      () =>
        saveProfile('PUT', `${base}/licences`, {
          version: v,
          drivingLicences: licences,
          digitalSkills: Object.fromEntries(
            Object.entries(digital)
              .filter(([, n]) => n !== '')
              .map(([k, n]) => [k, Number(n)]),
          ),
        }),
      section.saved,
    );
  return (
    <SectionForm section={section} save={save} reload={reload} submitLabel={submitLabel} extra={extra} testId={testId}>
      <fieldset>
        <legend className="h6">{t('profile.lic.licences')}</legend>
        <div className="d-flex flex-wrap gap-3">
          {reference.drivingLicences.items.map((l) => (
            <CheckField
              key={l}
              id={`lic-${uid}-${l}`}
              label={l}
              checked={licences.includes(l)}
              onChecked={(on) => setLicences((p) => (on ? [...p, l] : p.filter((x) => x !== l)))}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="mt-3">
        <legend className="h6">{t('profile.lic.digital')}</legend>
        <p className="small">{t('profile.lic.digitalHelp')}</p>
        <div className="row g-3">
          {reference.digitalSkillAreas.items.map((a) => (
            <div className="col-12 col-md-6" key={a.code}>
              <SelectField
                id={`dig-${uid}-${a.code}`}
                label={`${a.number}. ${lang === 'en' ? a.labelEn : a.label}`}
                value={digital[a.code] ?? ''}
                onValue={(n) => setDigital((p) => ({ ...p, [a.code]: n }))}
                error={saver.errors.digitalSkills}
              >
                <option value="">{t('profile.lic.noLevel')}</option>
                {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
                  <option key={n} value={String(n)}>
                    {t('profile.lic.level')} {n}
                  </option>
                ))}
              </SelectField>
            </div>
          ))}
        </div>
      </fieldset>
    </SectionForm>
  );
}

export function AvailabilityForm({ base, profile, reference, onSaved, reload, submitLabel, extra, testId }: SectionProps) {
  const { t, lang } = useI18n();
  const uid = useId().replace(/:/g, '');
  const fields = ['wantedOccupations', 'wantedContractTypes', 'workingTime', 'maxDistanceKm', 'ownVehicle', 'availableFrom', 'notes'];
  const section = useSection(profile, fields, onSaved);
  const { saver } = section;
  const a = profile.availability;
  const [wanted, setWanted] = useState<PickedItem[]>(a.wantedOccupations.map((w) => ({ code: w.code, label: w.label ?? w.code })));
  const [contracts, setContracts] = useState<string[]>(a.wantedContractTypes);
  const [time, setTime] = useState<string[]>(a.workingTime);
  const [distance, setDistance] = useState(a.maxDistanceKm == null ? '' : String(a.maxDistanceKm));
  const [vehicle, setVehicle] = useState(Boolean(a.ownVehicle));
  const [from, setFrom] = useState(a.availableFrom ?? '');
  const [notes, setNotes] = useState(a.notes ?? '');
  const save = (v: number) => {
    const d = distance.trim();
    if (d && !/^\d+$/.test(d)) {
      saver.invalid({ maxDistanceKm: t('profile.av.distanceInvalid') });
      return;
    }
    void saver.run(
      () =>
        saveProfile('PUT', `${base}/availability`, {
          version: v,
          wantedOccupations: wanted.map((w) => w.code),
          wantedContractTypes: contracts,
          workingTime: time,
          maxDistanceKm: d ? Number(d) : null,
          ownVehicle: vehicle,
          availableFrom: from || null,
          notes: notes || null,
        }),
      section.saved,
    );
  };
  return (
    <SectionForm section={section} save={save} reload={reload} submitLabel={submitLabel} extra={extra} testId={testId}>
      <PickedChips
        id={`wanted-${uid}`}
        kind="occupation"
        minLevel={4}
        label={t('profile.av.wanted')}
        help={t('profile.av.wantedHelp')}
        error={saver.errors.wantedOccupations}
        testId="wanted"
        heading={t('profile.av.wantedList')}
        items={wanted}
        setItems={setWanted}
        showCode
      />
      <fieldset className="mt-3">
        <legend className="h6">{t('profile.av.contracts')}</legend>
        <div className="row">
          {reference.contractTypes.map((c) => (
            <div className="col-12 col-md-6" key={c.code}>
              <CheckField
                id={`ct-${uid}-${c.code}`}
                label={lang === 'en' ? c.labelEn : c.label}
                checked={contracts.includes(c.code)}
                onChecked={(on) => setContracts((p) => (on ? [...p, c.code] : p.filter((x) => x !== c.code)))}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="mt-2">
        <legend className="h6">{t('profile.av.workingTime')}</legend>
        <div className="d-flex gap-4">
          {(['full-time', 'part-time'] as const).map((w) => (
            <CheckField
              key={w}
              id={`wt-${uid}-${w}`}
              label={w === 'full-time' ? t('profile.av.fullTime') : t('profile.av.partTime')}
              checked={time.includes(w)}
              onChecked={(on) => setTime((p) => (on ? [...p, w] : p.filter((x) => x !== w)))}
            />
          ))}
        </div>
      </fieldset>
      <div className="row g-3 mt-1">
        <div className="col-6 col-md-4">
          <TextField
            id={`dist-${uid}`}
            label={t('profile.av.maxDistance')}
            inputMode="numeric"
            value={distance}
            onValue={setDistance}
            error={saver.errors.maxDistanceKm}
          />
        </div>
        <div className="col-6 col-md-4">
          <TextField id={`from-${uid}`} type="date" label={t('profile.av.availableFrom')} value={from} onValue={setFrom} error={saver.errors.availableFrom} />
        </div>
        <div className="col-12 col-md-4 pt-md-4">
          <CheckField id={`veh-${uid}`} label={t('profile.av.ownVehicle')} checked={vehicle} onChecked={setVehicle} />
        </div>
        <div className="col-12">
          <TextAreaField
            id={`notes-${uid}`}
            label={`${t('profile.av.notes')} ${t('profile.optional')}`}
            value={notes}
            onValue={setNotes}
            error={saver.errors.notes}
            help={t('profile.av.notesHelp')}
            rows={2}
          />
        </div>
      </div>
    </SectionForm>
  );
}

/** The forms of the profile-level sections, by step (the CV's has no version: `reload` is not used). */
export const SECTION_FORMS = {
  skills: SkillsForm,
  licences: LicencesForm,
  availability: AvailabilityForm,
  cv: CvForm,
} satisfies Record<string, (props: SectionProps) => ReactNode>;

/** "Rimuovi" beside a row; `what` names the row for screen readers. */
export function RemoveButton({ onRemove, what }: { onRemove: () => void; what?: string | null }) {
  const { t } = useI18n();
  return (
    <Button color="secondary" outline size="xs" type="button" onClick={onRemove}>
      {t('profile.remove')}
      {what !== undefined && <span className="visually-hidden"> {what}</span>}
    </Button>
  );
}

export function CvForm({ base, profile, reference, onSaved, submitLabel, extra, testId }: SectionProps) {
  const { t, formatDateTime } = useI18n();
  const uid = useId().replace(/:/g, '');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const mb = Math.round(reference.cvMaxBytes / 1024 / 1024);
  const submit = async () => {
    setFailure(null);
    if (!file) {
      // Nothing new to upload: a CV is already there, or the step is simply skipped.
      if (profile.cv) return onSaved(profile);
      setError(t('profile.cv.choose'));
      return;
    }
    if (file.size > reference.cvMaxBytes) {
      setError(t('profile.cv.tooBig', { mb }));
      return;
    }
    setBusy(true);
    try {
      const p = await uploadCv(base, file);
      setError(undefined);
      setFile(null);
      onSaved(p);
    } catch (err) {
      const e = asApiError(err);
      setError(e.status === 415 ? t('profile.cv.notPdf') : e.status === 413 ? t('profile.cv.tooBig', { mb }) : undefined);
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const describedBy = `cv-${uid}-description`;
  return (
    <form
      noValidate
      data-testid={testId}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p data-testid="cv-current">
        {profile.cv
          ? t('profile.cv.current', { name: profile.cv.fileName, size: Math.ceil(profile.cv.sizeBytes / 1024), at: formatDateTime(profile.cv.uploadedAt) })
          : t('profile.cv.none')}{' '}
        {profile.cv && (
          <a href={`${base}/cv`} download={profile.cv.fileName}>
            {t('profile.cv.download')}
          </a>
        )}
      </p>
      <div className={`form-group ${error ? 'ponte-field-error' : ''}`}>
        <label htmlFor={`cv-${uid}`} className="active d-block">
          {t('profile.cv.file')}
        </label>
        <input
          id={`cv-${uid}`}
          type="file"
          accept="application/pdf,.pdf"
          className="form-control"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(undefined);
          }}
        />
        <small id={describedBy} className={`form-text d-block ${error ? 'ponte-error-text' : ''}`}>
          {error ?? t('profile.cv.help', { mb })}
        </small>
      </div>
      {failure && !error && <ProblemAlert error={failure} />}
      <div className="d-flex flex-wrap gap-2 mt-3">
        {extra}
        <Button color="primary" type="submit" disabled={busy}>
          {busy ? t('profile.saving') : submitLabel}
        </Button>
      </div>
    </form>
  );
}
