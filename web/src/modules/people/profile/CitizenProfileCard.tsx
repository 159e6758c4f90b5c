import { Card, CardBody } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { PATHS } from '../../../app/roles.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { ProblemAlert } from '../../../ui/ProblemAlert.tsx';
import { useApiGet } from '../../../ui/useApi.ts';
import { CompletionBar } from './ProfileSummary.tsx';
import type { Profile } from './types.ts';
import { STEPS } from './types.ts';

/** Citizen area: the professional profile and availability, completed in steps. */
export function CitizenProfileCard() {
  const { t } = useI18n();
  const profile = useApiGet<Profile>('/api/v1/me/profile');
  const p = profile.data;
  const action = !p || p.completion.percent === 0 ? t('profile.start') : p.completion.nextStep ? t('profile.continue') : t('profile.review');
  return (
    <section className="mb-5" aria-labelledby="profile-card-heading">
      <Card className="shadow-sm rounded" tag="div" testId="profile-card">
        <CardBody className="p-4">
          <h2 id="profile-card-heading" className="h3 mb-3">
            {t('profile.citizenTitle')}
          </h2>
          <p>{t('profile.cardIntro')}</p>
          {profile.loading && <Loading />}
          {profile.error && !profile.loading && <ProblemAlert error={profile.error} onRetry={profile.reload} />}
          {p && !profile.loading && (
            <>
              <CompletionBar percent={p.completion.percent} label={t('profile.completion', { percent: p.completion.percent })} />
              <p className="mt-2 fw-semibold" data-testid="profile-completion">
                {t('profile.completion', { percent: p.completion.percent })}
              </p>
              <ul className="list-unstyled small">
                {STEPS.map((s) => (
                  <li key={s}>
                    <span aria-hidden="true">{p.completion.steps[s] ? '✓ ' : '○ '}</span>
                    {t(`profile.step.${s}`)}: {p.completion.steps[s] ? t('profile.stepDone') : t('profile.stepTodo')}
                  </li>
                ))}
              </ul>
              <Link to={PATHS.citizenProfile} className="btn btn-primary" data-testid="profile-open">
                {action}
              </Link>
            </>
          )}
        </CardBody>
      </Card>
    </section>
  );
}
