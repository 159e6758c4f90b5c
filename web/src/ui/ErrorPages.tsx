import { Link } from 'react-router-dom';
import { homePath, PATHS } from '../app/roles.ts';
import { useSession } from '../app/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageTitle } from './PageTitle.tsx';

export function ForbiddenPage() {
  const { t, tx } = useI18n();
  const { account } = useSession();
  const role = account ? tx(`role.${account.role}`, account.role) : '';
  return (
    <section data-testid="forbidden-page">
      <PageTitle title={t('forbidden.title')}>{t('forbidden.title')}</PageTitle>
      <p>{t('forbidden.text', { role })}</p>
      <Link className="btn btn-primary" to={account ? homePath(account.role) : PATHS.login}>
        {t('forbidden.home')}
      </Link>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const { account } = useSession();
  return (
    <section data-testid="not-found-page">
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <Link className="btn btn-primary" to={account ? homePath(account.role) : PATHS.login}>
        {t('notFound.home')}
      </Link>
    </section>
  );
}
