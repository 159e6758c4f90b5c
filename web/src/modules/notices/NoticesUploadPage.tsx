import { Alert, Button, Card, CardBody } from 'design-react-kit';
import type { FormEvent } from 'react';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiError, uploadFile } from '../../app/api.ts';
import { PATHS } from '../../app/roles.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PageBreadcrumb } from '../../ui/PageBreadcrumb.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { asApiError } from '../../ui/problem.ts';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import type { NoticeImportSummary } from './types.ts';

/** Agency administrators: upload a UNILAV notices CSV, see what was applied and every rejected row with its line. */
export function NoticesUploadPage() {
  const { t, formatNumber } = useI18n();
  const uid = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [result, setResult] = useState<NoticeImportSummary | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) {
      setFieldError(t('notices.upload.noFile'));
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    setError(undefined);
    setResult(undefined);
    setRunning(true);
    try {
      setResult(await uploadFile<NoticeImportSummary>('POST', '/api/v1/notice-imports', file));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setRunning(false);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  };

  const helpId = `${uid}-help`;
  return (
    <>
      <PageBreadcrumb label={t('common.breadcrumb')} items={[{ label: t('nav.region'), to: PATHS.region }, { label: t('notices.nav') }]} />
      <PageTitle title={t('notices.upload.title')} lead={t('notices.upload.lead')}>
        {t('notices.upload.title')}
      </PageTitle>
      <Card className="shadow-sm rounded mb-4" tag="section" testId="notices-upload">
        <CardBody className="p-4">
          <form onSubmit={onSubmit} noValidate>
            <div className={`mb-3 ${fieldError ? 'ponte-field-error' : ''}`}>
              <label htmlFor={`${uid}-file`} className="form-label fw-semibold">
                {t('notices.upload.fileLabel')}
              </label>
              <input
                ref={inputRef}
                id={`${uid}-file`}
                type="file"
                accept=".csv,text/csv"
                className="form-control"
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={helpId}
                data-testid="notices-file"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setFieldError(undefined);
                }}
              />
              <small id={helpId} className={`form-text d-block ${fieldError ? 'ponte-error-text' : ''}`}>
                {fieldError ?? t('notices.upload.fileHelp')}
              </small>
            </div>
            <Button color="primary" type="submit" disabled={running} data-testid="notices-submit">
              {running ? t('notices.upload.running') : t('notices.upload.submit')}
            </Button>
          </form>
          {running && (
            <p className="mt-3" role="status">
              {t('notices.upload.running')}
            </p>
          )}
        </CardBody>
      </Card>

      <div ref={resultRef} tabIndex={-1} className="ponte-focus-target">
        {error && <ProblemAlert error={error} testId="notices-upload-problem" />}
        {result && (
          <Card className="shadow-sm rounded mb-4" tag="section" testId="notices-result">
            <CardBody className="p-4">
              <h2 className="h4 mb-3">{t('notices.upload.resultTitle', { source: result.source })}</h2>
              {result.status === 'already-imported' && (
                <Alert color="info" fade={false}>
                  {t('notices.upload.already')}
                </Alert>
              )}
              <dl className="row mb-3">
                {(
                  [
                    ['notices.upload.total', result.total],
                    ['notices.upload.applied', result.applied],
                    ['notices.upload.duplicates', result.duplicates],
                    ['notices.upload.rejectedCount', result.rejected.length],
                    ['notices.upload.recomputed', result.peopleRecomputed],
                  ] as const
                ).map(([key, value]) => (
                  <div key={key} className="col-6 col-md-4 col-lg mb-2">
                    <dt>{t(key)}</dt>
                    <dd className="h4 mb-0" data-testid={`result-${key.split('.').at(-1)}`}>
                      {formatNumber(value)}
                    </dd>
                  </div>
                ))}
              </dl>
              {result.rejected.length === 0 ? (
                <p>{t('notices.upload.noRejections')}</p>
              ) : (
                <ScrollTable caption={t('notices.upload.rejectedCaption')} testId="notices-rejections" maxHeight="28rem">
                  <thead>
                    <tr>
                      <th scope="col">{t('notices.upload.colLine')}</th>
                      <th scope="col">{t('notices.upload.colReason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.rejected.map((r) => (
                      <tr key={r.line}>
                        <th scope="row">{r.line}</th>
                        <td>{r.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollTable>
              )}
            </CardBody>
          </Card>
        )}
      </div>
      <Link to={PATHS.region}>{t('notices.upload.back')}</Link>
    </>
  );
}
