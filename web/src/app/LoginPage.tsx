import { Alert, Button, Card, CardBody } from 'design-react-kit';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { problemMessage } from '../ui/problem.ts';
import { TextField } from '../ui/TextField.tsx';
import { useApiGet } from '../ui/useApi.ts';
import { ApiError } from './api.ts';
import type { LoginState } from './guards.tsx';
import { homePath, mayOpen } from './roles.ts';
import { useSession } from './session.tsx';
import type { AuthMethods, Role } from './types.ts';

interface FieldErrors {
  username?: string;
  password?: string;
}

export const OIDC_LOGIN_PATH = '/api/v1/auth/oidc/login';

export function LoginPage() {
  const { t } = useI18n();
  const { status, account, reason, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const from = (location.state as LoginState | null)?.from;

  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const methods = useApiGet<AuthMethods>('/api/v1/auth/methods');

  const target = (role: Role) => (from && mayOpen(role, from) ? from : homePath(role));

  if (status === 'authenticated' && account && !submitting) {
    return <Navigate to={target(account.role)} replace />;
  }

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!username.trim()) errors.username = t('login.requiredUsername');
    if (!password) errors.password = t('login.requiredPassword');
    setFieldErrors(errors);
    setFailure(null);
    if (errors.username || errors.password) {
      (errors.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const acc = await login(username.trim(), password);
      navigate(target(acc.role), { replace: true });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0 }, true);
      setFailure(apiErr);
      const fromServer: FieldErrors = {};
      const u = apiErr.fieldError('username');
      const p = apiErr.fieldError('password');
      if (u) fromServer.username = u;
      if (p) fromServer.password = p;
      setFieldErrors(fromServer);
      setSubmitting(false);
      // Let screen-reader and keyboard users land on the message.
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  const failureTitle = failure
    ? failure.status === 423
      ? t('login.lockedTitle')
      : failure.status === 429
        ? t('login.rateLimitedTitle')
        : t('login.errorTitle')
    : '';
  const oidc = methods.data?.oidc;
  // The server's OIDC callback comes back to /login?errore=oidc (or =oidc-sconosciuto: identity not registered).
  const oidcError = params.get('errore') ?? params.get('error');

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-10 col-lg-7 col-xl-6">
        <PageTitle title={t('login.title')} lead={t('login.intro')}>
          {t('login.title')}
        </PageTitle>

        {reason === 'expired' && (
          <Alert color="warning" fade={false} testId="session-expired">
            {t('login.expired')}
          </Alert>
        )}
        {reason === 'logout' && !failure && (
          <Alert color="info" fade={false} testId="logged-out">
            {t('login.loggedOut')}
          </Alert>
        )}
        {oidcError && !failure && (
          <Alert color="danger" fade={false} testId="oidc-error">
            {oidcError === 'oidc-sconosciuto' ? t('login.oidcUnknown') : t('login.oidcError')}
          </Alert>
        )}
        {failure && (
          <div ref={alertRef} tabIndex={-1} className="ponte-focus-target">
            <Alert color="danger" fade={false} testId="login-error">
              <p className="fw-semibold mb-1">{failureTitle}</p>
              <p className="mb-0">{problemMessage(failure, t)}</p>
            </Alert>
          </div>
        )}

        <Card className="shadow-sm rounded" tag="section">
          <CardBody className="p-4">
            <h2 id="login-form-heading" className="h4 mb-4">
              {t('login.formHeading')}
            </h2>
            <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="login-form" className="pt-2">
              <TextField
                id="login-username"
                name="username"
                label={t('login.username')}
                value={username}
                onValue={setUsername}
                error={fieldErrors.username}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                aria-required="true"
                inputRef={usernameRef}
              />
              <TextField
                id="login-password"
                name="password"
                type="password"
                label={t('login.password')}
                value={password}
                onValue={setPassword}
                error={fieldErrors.password}
                autoComplete="current-password"
                aria-required="true"
                inputRef={passwordRef}
              />
              <Button color="primary" type="submit" disabled={submitting} className="w-100 mt-2">
                {submitting ? t('login.submitting') : t('login.submit')}
              </Button>
            </form>
          </CardBody>
        </Card>

        {oidc?.enabled && (
          <Card className="shadow-sm rounded mt-4" tag="section">
            <CardBody className="p-4">
              <h2 id="login-oidc-heading" className="h4 mb-3">
                {t('login.oidcHeading')}
              </h2>
              <Button color="primary" outline type="button" className="w-100" data-testid="oidc-login" onClick={() => window.location.assign(OIDC_LOGIN_PATH)}>
                {t('login.oidc')}
              </Button>
              {oidc.label && oidc.label !== t('login.oidc') && <p className="small mt-2 mb-0">{t('login.oidcProvider', { label: oidc.label })}</p>}
            </CardBody>
          </Card>
        )}
      </div>
    </div>
  );
}
