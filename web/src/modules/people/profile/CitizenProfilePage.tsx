import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiError, api } from '../../../app/api.ts';
import { PATHS } from '../../../app/roles.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { PageBreadcrumb } from '../../../ui/PageBreadcrumb.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../../ui/ProblemAlert.tsx';
import { asApiError } from '../../../ui/problem.ts';
import { useApiGet } from '../../../ui/useApi.ts';
import { EducationForm, ExperienceForm, RemoveButton, SECTION_FORMS, type StepSubmit } from './forms.tsx';
import { CompletionBar, EducationList, ExperienceItem } from './ProfileSummary.tsx';
import { profileBase, saveProfile } from './profileApi.ts';
import { type Profile, type ProfileReference, STEPS, type StepName } from './types.ts';

const BASE = profileBase(null);

/**
 * The citizen's professional profile in steps: education → experiences → skills & languages → licences & digital
 * skills → availability → CV. Each "Salva e continua" saves to the server and remembers the step, so one can stop and
 * come back later to where one left off; errors keep what was typed.
 */
export function CitizenProfilePage() {
  const { t } = useI18n();
  const loaded = useApiGet<Profile>(BASE);
  const reference = useApiGet<ProfileReference>('/api/v1/profile/reference');
  const [profile, setProfile] = useState<Profile | null>(null);
  const [step, setStep] = useState<StepName | null>(null);
  const [finished, setFinished] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<StepSubmit>(null);
  const p = profile ?? loaded.data ?? null;

  // Continue where one left off: the first step not yet saved.
  useEffect(() => {
    if (loaded.data && step === null) setStep(loaded.data.completion.nextStep ?? 'education');
  }, [loaded.data, step]);

  const go = (next: StepName) => {
    setStep(next);
    setFailure(null);
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const reload = async () => {
    const next = await api.get<Profile>(BASE);
    setProfile(next);
    return next;
  };
  /** Remembers the step as saved, then moves on (or finishes). */
  const complete = async (current: StepName) => {
    setBusy(true);
    try {
      setProfile(await saveProfile('PUT', `${BASE}/progress`, { step: current }));
      const i = STEPS.indexOf(current);
      const next = STEPS[i + 1];
      if (next) go(next);
      else {
        setFinished(true);
        requestAnimationFrame(() => headingRef.current?.focus());
      }
    } catch (err) {
      setFailure(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  /** Collection steps: save what is typed in the add form (if anything), then continue. */
  const saveAndContinue = async (current: StepName) => {
    const ok = formRef.current ? await formRef.current.submit() : true;
    if (ok) await complete(current);
  };

  const index = step ? STEPS.indexOf(step) : 0;
  const back = index > 0 && (
    <Button color="secondary" outline type="button" onClick={() => go(STEPS[index - 1] as StepName)}>
      {t('profile.back')}
    </Button>
  );
  const continueLabel = index === STEPS.length - 1 ? t('profile.saveFinish') : t('profile.saveContinue');
  /** Back and "Salva e continua" under the add form of a collection step. */
  const continueRow = (current: StepName) => (
    <div className="d-flex gap-2 mt-3">
      {back}
      <Button color="primary" type="button" disabled={busy} onClick={() => void saveAndContinue(current)}>
        {continueLabel}
      </Button>
    </div>
  );
  const remove = (path: string) => () => void saveProfile('DELETE', path).then(setProfile);
  const SectionStep = step && step !== 'education' && step !== 'experiences' ? SECTION_FORMS[step] : null;

  return (
    <>
      <PageBreadcrumb label={t('common.breadcrumb')} items={[{ label: t('nav.citizen'), to: PATHS.citizen }, { label: t('profile.citizenTitle') }]} />
      <PageTitle title={t('profile.citizenTitle')} lead={t('profile.citizenLead')}>
        {t('profile.citizenTitle')}
      </PageTitle>
      {(loaded.loading || reference.loading) && <Loading />}
      {loaded.error && <ProblemAlert error={loaded.error} onRetry={loaded.reload} />}
      {reference.error && <ProblemAlert error={reference.error} onRetry={reference.reload} />}
      {p && reference.data && step && (
        <div className="row">
          <nav className="col-12 col-lg-3 mb-4" aria-label={t('profile.stepsNav')}>
            <CompletionBar percent={p.completion.percent} label={t('profile.completion', { percent: p.completion.percent })} />
            <p className="small mt-1" data-testid="profile-completion">
              {t('profile.completion', { percent: p.completion.percent })}
            </p>
            <ol className="ps-3">
              {STEPS.map((s) => (
                <li key={s} className="mb-1">
                  <button
                    type="button"
                    className={`btn btn-link p-0 text-start ${s === step && !finished ? 'fw-bold' : ''}`}
                    aria-current={s === step && !finished ? 'step' : undefined}
                    onClick={() => {
                      setFinished(false);
                      go(s);
                    }}
                  >
                    {t(`profile.step.${s}`)}
                  </button>
                  <span className="small"> — {p.completion.steps[s] ? t('profile.stepDone') : t('profile.stepTodo')}</span>
                </li>
              ))}
            </ol>
          </nav>
          <section className="col-12 col-lg-9" aria-labelledby="profile-step-heading" data-testid={`profile-step-${finished ? 'done' : step}`}>
            {finished ? (
              <>
                <h2 id="profile-step-heading" className="h3" tabIndex={-1} ref={headingRef}>
                  {t('profile.citizenTitle')}
                </h2>
                <Alert color="success" fade={false} testId="profile-finished">
                  {t('profile.finished')}
                </Alert>
                <Link to={PATHS.citizen}>{t('profile.backHome')}</Link>
              </>
            ) : (
              <>
                <p className="small mb-1">{t('profile.stepOf', { n: index + 1, total: STEPS.length })}</p>
                <h2 id="profile-step-heading" className="h3" tabIndex={-1} ref={headingRef}>
                  {t(`profile.step.${step}`)}
                </h2>
                {failure && <ProblemAlert error={failure} />}
                {step === 'education' && (
                  <>
                    <h3 className="h6">{t('profile.edu.list')}</h3>
                    <EducationList profile={p} actions={(id, version) => <RemoveButton onRemove={remove(`${BASE}/education/${id}?version=${version}`)} />} />
                    <EducationForm base={BASE} reference={reference.data} onSaved={setProfile} submitRef={formRef} />
                    <p className="small mt-2">{t('profile.edu.source', { source: reference.data.educationTitles.source })}</p>
                    {continueRow('education')}
                  </>
                )}
                {step === 'experiences' && (
                  <>
                    <h3 className="h6">{t('profile.exp.list')}</h3>
                    {p.experiences.length === 0 ? (
                      <p>{t('profile.none')}</p>
                    ) : (
                      <ul className="list-unstyled" data-testid="experience-list">
                        {p.experiences.map((e) => (
                          <li key={e.id} className="border-bottom py-2 d-flex justify-content-between gap-2">
                            <ExperienceItem e={e} reference={reference.data} />
                            <RemoveButton onRemove={remove(`${BASE}/experiences/${e.id}?version=${e.version}`)} what={e.occupationLabel} />
                          </li>
                        ))}
                      </ul>
                    )}
                    <ExperienceForm base={BASE} reference={reference.data} onSaved={setProfile} submitRef={formRef} />
                    {continueRow('experiences')}
                  </>
                )}
                {SectionStep && (
                  <SectionStep
                    key={step}
                    base={BASE}
                    profile={p}
                    reference={reference.data}
                    reload={reload}
                    onSaved={(next) => {
                      setProfile(next);
                      void complete(step);
                    }}
                    submitLabel={continueLabel}
                    extra={back}
                    testId={`${step}-form`}
                  />
                )}
              </>
            )}
          </section>
        </div>
      )}
    </>
  );
}
