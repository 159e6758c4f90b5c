import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { AppFooter } from '../ui/AppFooter.tsx';
import { AppHeader } from '../ui/AppHeader.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ProblemAlert } from '../ui/ProblemAlert.tsx';
import { SkipLinks } from '../ui/SkipLinks.tsx';
import { navFor } from './roles.ts';
import { useSession } from './session.tsx';

export function Layout() {
  const { account, status, error, refresh } = useSession();
  const withNav = account ? navFor(account.role).length > 0 : false;
  return (
    <div className="ponte-app d-flex flex-column min-vh-100">
      <SkipLinks withNav={withNav} />
      <AppHeader />
      <main id="main-content" tabIndex={-1} className="flex-grow-1">
        {/* container > row > col: the same gutters as the design-react-kit header above. */}
        <div className="container-xxl">
          <div className="row">
            <div className="col-12 py-4 py-lg-5 ponte-gutter">
              {status === 'error' && error && <ProblemAlert error={error} onRetry={() => void refresh()} />}
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </div>
          </div>
        </div>
      </main>
      <AppFooter />
    </div>
  );
}
