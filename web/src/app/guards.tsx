import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ForbiddenPage } from '../ui/ErrorPages.tsx';
import { Loading } from '../ui/Loading.tsx';
import { homePath, PATHS } from './roles.ts';
import { useSession } from './session.tsx';
import type { Role } from './types.ts';

export interface LoginState {
  from?: string;
}

/** Not logged in → /login (remembering where the user wanted to go); wrong role → 403 page. */
export function RequireAuth({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { status, account } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status !== 'authenticated' || !account) {
    const state: LoginState = { from: location.pathname + location.search };
    return <Navigate to={PATHS.login} replace state={state} />;
  }
  if (!roles.includes(account.role)) return <ForbiddenPage />;
  return <>{children}</>;
}

/** `/`: the role's home page, or the login page. */
export function HomeRedirect() {
  const { status, account } = useSession();
  if (status === 'loading') return <Loading />;
  return <Navigate to={account ? homePath(account.role) : PATHS.login} replace />;
}
