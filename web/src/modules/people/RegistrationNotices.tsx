import { Alert } from 'design-react-kit';
import { Link } from 'react-router-dom';
import { PATHS } from '../../app/roles.ts';
import { useI18n } from '../../i18n/index.tsx';
import './people.css';
import type { RegisterPersonResult } from './types.ts';

/**
 * What the registration said, shown on the new person's page: the competent job centre, the differences with the
 * tax code confirmed with a reason and, prominently, possible homonyms (different people: never to be merged).
 */
export function RegistrationNotices({ result }: { result: RegisterPersonResult }) {
  const { t, tx } = useI18n();
  return (
    <>
      {result.homonymNotices.length > 0 && (
        <Alert color="warning" fade={false} testId="homonym-notices" role="alert" className="ponte-homonym">
          <p className="fw-semibold mb-1">{t('reg.homonymTitle')}</p>
          <ul className={result.homonymNotices.length > 1 ? 'mb-0 ps-3' : 'list-unstyled mb-0'}>
            {result.homonymNotices.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notices without an id (the other person may be out of scope) never reorder
              <li key={`${n.personId ?? 'hidden'}-${i}`}>
                <p className="mb-1">{n.message}</p>
                {n.personId ? (
                  <Link to={PATHS.person(n.personId)} data-testid="homonym-link">
                    {t('reg.homonymOpen')}
                  </Link>
                ) : (
                  <p className="mb-0 small">{t('reg.homonymHidden')}</p>
                )}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Alert color="success" fade={false} testId="registration-notice" role="status">
        <p className="mb-0">{t('reg.done', { jobCentre: result.jobCentre.name })}</p>
        {result.overriddenWarnings.length > 0 && (
          <p className="mb-0 mt-1" data-testid="overridden-warnings">
            {t('reg.doneOverrides', { list: result.overriddenWarnings.map((w) => tx(`warning.${w}`, w)).join('; ') })}
          </p>
        )}
        {(result.linkedDeclarations ?? 0) + (result.linkedNotices ?? 0) > 0 && (
          <p className="mb-0 mt-1" data-testid="linked-records">
            {t('reg.linked', { declarations: result.linkedDeclarations ?? 0, notices: result.linkedNotices ?? 0 })}
          </p>
        )}
      </Alert>
    </>
  );
}
