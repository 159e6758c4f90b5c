import { Alert, Button, Card, CardBody } from 'design-react-kit';
import { Fragment, useState } from 'react';
import { type ApiError, api } from '../../../app/api.ts';
import { REGISTRAR_ACCESS } from '../../../app/roles.ts';
import { useAccount } from '../../../app/session.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { ProblemAlert } from '../../../ui/ProblemAlert.tsx';
import { asApiError } from '../../../ui/problem.ts';
import { useApiGet } from '../../../ui/useApi.ts';
import { CvForm, EducationForm, ExperienceForm, RemoveButton, SECTION_FORMS } from './forms.tsx';
import { AvailabilitySummary, CompletionBar, EducationList, ExperienceItem, LicencesSummary, SkillsSummary } from './ProfileSummary.tsx';
import { profileBase, saveProfile } from './profileApi.ts';
import type { Profile, ProfileReference } from './types.ts';

/** Profile-level sections: a summary, replaced by the section's form while editing. */
const SECTIONS = [
  { kind: 'skills', summary: (p: Profile) => <SkillsSummary profile={p} /> },
  { kind: 'licences', summary: (p: Profile, reference: ProfileReference) => <LicencesSummary profile={p} reference={reference} /> },
  { kind: 'availability', summary: (p: Profile, reference: ProfileReference) => <AvailabilitySummary profile={p} reference={reference} /> },
] as const;

type Editing =
  | { kind: 'experience'; id: string }
  | { kind: 'newExperience' }
  | { kind: 'education' }
  | { kind: 'skills' | 'licences' | 'availability' | 'cv' }
  | null;

/** Case-file section: the professional profile (SAP), editable by caseworkers (back office). */
export function ProfileSection({ personId }: { personId: string }) {
  const { t, formatDateTime } = useI18n();
  const account = useAccount();
  const canEdit = REGISTRAR_ACCESS.includes(account.role);
  const base = profileBase(personId);
  const loaded = useApiGet<Profile>(base);
  const reference = useApiGet<ProfileReference>('/api/v1/profile/reference');
  const [profile, setProfile] = useState<Profile | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const p = profile ?? loaded.data;

  const saved = (next: Profile) => {
    setProfile(next);
    setEditing(null);
    setNotice(t('profile.saved'));
    setFailure(null);
  };
  const reload = async () => {
    const next = await api.get<Profile>(base);
    setProfile(next);
    return next;
  };
  const remove = async (path: string) => {
    try {
      saved(await saveProfile('DELETE', path));
    } catch (err) {
      setFailure(asApiError(err));
    }
  };
  const edit = (what: Editing) => {
    setEditing(what);
    setNotice(null);
    setFailure(null);
  };
  const editButton = (what: Editing, label = t('profile.section.editSection')) =>
    canEdit && (
      <Button color="primary" outline size="xs" type="button" onClick={() => edit(what)}>
        {label}
      </Button>
    );
  const close = (
    <Button color="secondary" outline type="button" onClick={() => setEditing(null)}>
      {t('profile.cancel')}
    </Button>
  );

  return (
    <section className="mb-4" aria-labelledby="profile-heading" data-testid="profile-section">
      <Card className="shadow-sm rounded" tag="div">
        <CardBody className="p-4">
          <h2 id="profile-heading" className="h4">
            {t('profile.title')}
          </h2>
          <p className="small">{t('profile.section.lead')}</p>
          {(loaded.loading || reference.loading) && !p && <Loading />}
          {loaded.error && <ProblemAlert error={loaded.error} onRetry={loaded.reload} />}
          {p && reference.data && (
            <>
              <CompletionBar percent={p.completion.percent} label={t('profile.completion', { percent: p.completion.percent })} />
              <p className="small">
                {t('profile.completion', { percent: p.completion.percent })} ·{' '}
                {p.updatedAt ? t('profile.section.updated', { at: formatDateTime(p.updatedAt) }) : t('profile.section.never')}
              </p>
              {p.hiddenFields.length > 0 && (
                <Alert color="info" fade={false}>
                  {t('profile.hidden')}
                </Alert>
              )}
              <div aria-live="polite">
                {notice && (
                  <p className="text-success fw-semibold" data-testid="profile-notice">
                    {notice}
                  </p>
                )}
              </div>
              {failure && <ProblemAlert error={failure} />}

              <h3 className="h5 mt-4">{t('profile.step.education')}</h3>
              <EducationList
                profile={p}
                actions={(id, version) => canEdit && <RemoveButton onRemove={() => void remove(`${base}/education/${id}?version=${version}`)} />}
              />
              {editing?.kind === 'education' ? (
                <>
                  <EducationForm base={base} reference={reference.data} onSaved={saved} />
                  <div className="mt-2">{close}</div>
                </>
              ) : (
                editButton({ kind: 'education' }, t('profile.edu.addTitle'))
              )}

              <h3 className="h5 mt-4">{t('profile.step.experiences')}</h3>
              {p.experiences.length === 0 && <p>{t('profile.none')}</p>}
              <ul className="list-unstyled" data-testid="experience-list">
                {p.experiences.map((e) => (
                  <li key={e.id} className="border-bottom py-2">
                    {editing?.kind === 'experience' && editing.id === e.id ? (
                      <>
                        <h4 className="h6">{t('profile.exp.editTitle')}</h4>
                        <ExperienceForm
                          base={base}
                          reference={reference.data as ProfileReference}
                          existing={e}
                          onSaved={saved}
                          onCancel={() => setEditing(null)}
                          reload={reload}
                        />
                      </>
                    ) : (
                      <div className="d-flex flex-wrap justify-content-between gap-2">
                        <ExperienceItem e={e} reference={reference.data} />
                        {canEdit && e.employerName !== null && (
                          <div className="d-flex gap-2 align-items-start">
                            <Button color="primary" outline size="xs" type="button" onClick={() => edit({ kind: 'experience', id: e.id })}>
                              {t('profile.edit')}
                              <span className="visually-hidden"> {e.occupationLabel}</span>
                            </Button>
                            <RemoveButton onRemove={() => void remove(`${base}/experiences/${e.id}?version=${e.version}`)} what={e.occupationLabel} />
                          </div>
                        )}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
              {editing?.kind === 'newExperience' ? (
                <ExperienceForm base={base} reference={reference.data} onSaved={saved} onCancel={() => setEditing(null)} />
              ) : (
                editButton({ kind: 'newExperience' }, t('profile.exp.addExperience'))
              )}

              {SECTIONS.map(({ kind, summary }) => {
                const Form = SECTION_FORMS[kind];
                return (
                  <Fragment key={kind}>
                    <h3 className="h5 mt-4">{t(`profile.step.${kind}`)}</h3>
                    {editing?.kind === kind ? (
                      <Form
                        base={base}
                        profile={p}
                        reference={reference.data as ProfileReference}
                        onSaved={saved}
                        reload={reload}
                        submitLabel={t('profile.save')}
                        extra={close}
                        testId={`${kind}-form`}
                      />
                    ) : (
                      <>
                        {summary(p, reference.data as ProfileReference)}
                        {editButton({ kind })}
                      </>
                    )}
                  </Fragment>
                );
              })}

              <h3 className="h5 mt-4">{t('profile.step.cv')}</h3>
              {p.hiddenFields.includes('cv') ? (
                <p>{t('profile.cv.hidden')}</p>
              ) : editing?.kind === 'cv' ? (
                <CvForm
                  base={base}
                  profile={p}
                  reference={reference.data}
                  onSaved={saved}
                  reload={reload}
                  submitLabel={t('profile.cv.upload')}
                  extra={close}
                  testId="cv-form"
                />
              ) : (
                <>
                  <p data-testid="cv-current">
                    {p.cv ? (
                      <a href={`${base}/cv`} download={p.cv.fileName}>
                        {t('profile.cv.download')} ({p.cv.fileName})
                      </a>
                    ) : (
                      t('profile.cv.none')
                    )}
                  </p>
                  {editButton({ kind: 'cv' }, t('profile.cv.upload'))}
                </>
              )}
            </>
          )}
        </CardBody>
      </Card>
    </section>
  );
}
