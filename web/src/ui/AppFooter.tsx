import { useI18n } from '../i18n/index.tsx';

export function AppFooter() {
  const { t } = useI18n();
  return (
    <footer className="it-footer ponte-footer" data-testid="site-footer">
      <div className="it-footer-main">
        <div className="container-xxl py-4 ponte-gutter">
          <div className="row g-4">
            <div className="col-lg-7">
              <h2 className="h4 text-white mb-2">{t('footer.heading')}</h2>
              <p className="mb-2">{t('footer.about')}</p>
              <p className="mb-0">{t('footer.service')}</p>
            </div>
            <div className="col-lg-5">
              <p className="mb-2 fw-semibold">{t('app.region')}</p>
              <p className="mb-0">{t('footer.privacy')}</p>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints">
        <div className="container-xxl py-2 ponte-gutter">
          <p className="mb-0 small text-white">
            {t('footer.rights')} · {t('app.brand')}
          </p>
        </div>
      </div>
    </footer>
  );
}
