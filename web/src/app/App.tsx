import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { I18nProvider } from '../i18n/index.tsx';
import { NotFoundPage } from '../ui/ErrorPages.tsx';
import { HomeRedirect, RequireAuth } from './guards.tsx';
import { Layout } from './Layout.tsx';
import { AUDIT_ACCESS, BACKOFFICE_ACCESS, CITIZEN_ACCESS, EMPLOYER_ACCESS, REGION_ACCESS, REGISTRAR_ACCESS } from './roles.ts';
import { SessionProvider } from './session.tsx';

// Pages are split into their own chunks; the shell (header, footer, session) loads first.
const LoginPage = lazy(() => import('./LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const BackofficeHome = lazy(() => import('../faces/backoffice/BackofficeHome.tsx').then((m) => ({ default: m.BackofficeHome })));
const RegisterPersonPage = lazy(() => import('../modules/people/RegisterPersonPage.tsx').then((m) => ({ default: m.RegisterPersonPage })));
const PersonDetailPage = lazy(() => import('../faces/backoffice/PersonDetailPage.tsx').then((m) => ({ default: m.PersonDetailPage })));
const JobCentrePage = lazy(() => import('../modules/organisation/JobCentrePage.tsx').then((m) => ({ default: m.JobCentrePage })));
const RegionPage = lazy(() => import('../modules/organisation/RegionPage.tsx').then((m) => ({ default: m.RegionPage })));
const NoticesUploadPage = lazy(() => import('../modules/notices/NoticesUploadPage.tsx').then((m) => ({ default: m.NoticesUploadPage })));
const AuditPage = lazy(() => import('../modules/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const CitizenHome = lazy(() => import('../faces/citizen/CitizenHome.tsx').then((m) => ({ default: m.CitizenHome })));
const CitizenProfilePage = lazy(() => import('../modules/people/profile/CitizenProfilePage.tsx').then((m) => ({ default: m.CitizenProfilePage })));
const EmployerHome = lazy(() => import('../faces/employer/EmployerHome.tsx').then((m) => ({ default: m.EmployerHome })));

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomeRedirect />} />
              <Route path="login" element={<LoginPage />} />
              <Route
                path="operatore"
                element={
                  <RequireAuth roles={BACKOFFICE_ACCESS}>
                    <BackofficeHome />
                  </RequireAuth>
                }
              />
              <Route
                path="operatore/persone/nuova"
                element={
                  <RequireAuth roles={REGISTRAR_ACCESS}>
                    <RegisterPersonPage />
                  </RequireAuth>
                }
              />
              <Route
                path="operatore/persone/:personId"
                element={
                  <RequireAuth roles={BACKOFFICE_ACCESS}>
                    <PersonDetailPage />
                  </RequireAuth>
                }
              />
              <Route
                path="cpi/:jobCentreId"
                element={
                  <RequireAuth roles={BACKOFFICE_ACCESS}>
                    <JobCentrePage />
                  </RequireAuth>
                }
              />
              <Route
                path="regione"
                element={
                  <RequireAuth roles={REGION_ACCESS}>
                    <RegionPage />
                  </RequireAuth>
                }
              />
              <Route
                path="regione/comunicazioni"
                element={
                  <RequireAuth roles={REGION_ACCESS}>
                    <NoticesUploadPage />
                  </RequireAuth>
                }
              />
              <Route
                path="audit"
                element={
                  <RequireAuth roles={AUDIT_ACCESS}>
                    <AuditPage />
                  </RequireAuth>
                }
              />
              <Route
                path="cittadino"
                element={
                  <RequireAuth roles={CITIZEN_ACCESS}>
                    <CitizenHome />
                  </RequireAuth>
                }
              />
              <Route
                path="cittadino/profilo"
                element={
                  <RequireAuth roles={CITIZEN_ACCESS}>
                    <CitizenProfilePage />
                  </RequireAuth>
                }
              />
              <Route
                path="azienda"
                element={
                  <RequireAuth roles={EMPLOYER_ACCESS}>
                    <EmployerHome />
                  </RequireAuth>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
