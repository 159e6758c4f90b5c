import { Card, CardBody } from 'design-react-kit';
import { useI18n } from '../../../i18n/index.tsx';

/** Citizen area: download of one's own data (JSON and PDF), GDPR art. 15 (access) and art. 20 (portability). */
export function MyDataDownload() {
  const { t } = useI18n();
  return (
    <section className="mb-5" aria-labelledby="my-data-download-heading">
      <Card className="shadow-sm rounded" tag="div" testId="my-data-download">
        <CardBody className="p-4">
          <h2 id="my-data-download-heading" className="h3 mb-3">
            {t('myData.heading')}
          </h2>
          <p>{t('myData.intro')}</p>
          <p>{t('myData.rights')}</p>
          <div className="d-flex flex-wrap gap-3 align-items-center mb-2">
            <a className="btn btn-primary" href="/api/v1/me/data-export" download data-testid="my-data-json">
              {t('myData.json')} <span className="visually-hidden">{t('myData.jsonHint')}</span>
            </a>
            <a className="btn btn-outline-primary" href="/api/v1/me/data-export/pdf" download data-testid="my-data-pdf">
              {t('myData.pdf')} <span className="visually-hidden">{t('myData.pdfHint')}</span>
            </a>
          </div>
          <p className="small ponte-muted mb-0">{t('myData.audit')}</p>
        </CardBody>
      </Card>
    </section>
  );
}
