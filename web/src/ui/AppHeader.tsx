import { Collapse, Header, HeaderBrand, HeaderContent, HeaderRightZone, Headers, HeaderToggler, Icon, Nav, NavItem } from 'design-react-kit';
import type { MouseEvent } from 'react';
import { useState } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router-dom';
import { homePath, navFor, PATHS } from '../app/roles.ts';
import { useSession } from '../app/session.tsx';
import { useI18n } from '../i18n/index.tsx';

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'it' ? 'en' : 'it';
  return (
    <button
      type="button"
      className="btn btn-sm ponte-slim-btn"
      aria-label={t('lang.switchLabel')}
      lang={next}
      onClick={() => setLang(next)}
      data-testid="language-switch"
    >
      {t('lang.switchText')}
    </button>
  );
}

export function AppHeader() {
  const { t, tx } = useI18n();
  const { status, account, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  // Close the mobile menu whenever the page changes (state derived during render, no effect needed).
  const [menuPath, setMenuPath] = useState(location.pathname);
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    if (menuOpen) setMenuOpen(false);
  }

  const entries = account ? navFor(account.role) : [];
  const home = account ? homePath(account.role) : PATHS.login;

  // HeaderBrand renders a plain <a href>: keep navigation inside the single-page app.
  const onBrandClick = (e: MouseEvent<HTMLDivElement>) => {
    const anchor = (e.target as HTMLElement).closest('a');
    if (!anchor || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(home);
  };

  const onLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
    } finally {
      setLoggingOut(false);
    }
    navigate(PATHS.login, { replace: true });
  };

  return (
    <header className="ponte-header">
      <Headers shadow>
        <Header type="slim" theme="dark">
          <HeaderContent>
            <HeaderBrand tag="span" responsive className="ponte-slim-brand">
              <span className="d-none d-lg-inline">{t('app.agency')}</span>
              <span className="d-lg-none">ARTI Toscana</span>
            </HeaderBrand>
            <HeaderRightZone>
              <div className="d-flex align-items-center gap-2 gap-md-3 flex-wrap justify-content-end ponte-slim-zone">
                {account && (
                  <p className="mb-0 ponte-account d-none d-sm-block" data-testid="current-user">
                    <span className="visually-hidden">{t('header.account')}: </span>
                    <span className="fw-semibold">{account.displayName}</span>
                    <span className="d-none d-md-inline"> · {tx(`role.${account.role}`, account.role)}</span>
                  </p>
                )}
                <LanguageSwitch />
                {account && (
                  <button type="button" className="btn btn-sm ponte-slim-btn" onClick={() => void onLogout()} disabled={loggingOut} data-testid="logout">
                    {loggingOut ? t('header.loggingOut') : t('header.logout')}
                  </button>
                )}
              </div>
            </HeaderRightZone>
          </HeaderContent>
        </Header>
        <div className="it-nav-wrapper">
          <Header type="center" small>
            <HeaderContent>
              {/* biome-ignore lint/a11y/noStaticElementInteractions: only delegates clicks of the brand <a> inside (keyboard users activate that link itself) to the router */}
              <div className="ponte-brand" onClick={onBrandClick} role="presentation">
                <HeaderBrand href={home} iconName="/favicon.svg" iconAlt="">
                  <div className="it-brand-title">{t('app.brand')}</div>
                  <div className="it-brand-tagline">{t('app.tagline')}</div>
                </HeaderBrand>
              </div>
            </HeaderContent>
          </Header>
          {status === 'authenticated' && entries.length > 0 && (
            <Header type="navbar" theme="">
              <HeaderContent expand="lg" id="main-nav" aria-label={t('nav.label')} tabIndex={-1}>
                <HeaderToggler aria-controls="ponte-nav-collapse" aria-label={t('nav.open')} isOpen={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
                  <Icon icon="it-burger" />
                </HeaderToggler>
                <Collapse id="ponte-nav-collapse" isOpen={menuOpen} navbar header onOverlayClick={() => setMenuOpen(false)} closeSrText={t('nav.close')}>
                  <div className="menu-wrapper">
                    <Nav navbar>
                      {entries.map((e) => (
                        <NavItem key={e.to}>
                          <NavLink className="nav-link" to={e.to} end onClick={() => setMenuOpen(false)}>
                            <span>{t(e.label)}</span>
                          </NavLink>
                        </NavItem>
                      ))}
                    </Nav>
                  </div>
                </Collapse>
              </HeaderContent>
            </Header>
          )}
        </div>
      </Headers>
    </header>
  );
}
