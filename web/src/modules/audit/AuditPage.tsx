import { Button, Card, CardBody } from 'design-react-kit';
import type { FormEvent } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, isAbort, query } from '../../app/api.ts';
import type { AuditEntry, AuditPage as AuditPageData } from '../../app/types.ts';
import { AUDIT_ACTIONS } from '../../app/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { ScrollTable } from '../../ui/ScrollTable.tsx';
import { TextField } from '../../ui/TextField.tsx';

export const AUDIT_PAGE_SIZE = 50;

interface Filters {
  from: string;
  to: string;
  actor: string;
  action: string;
  recordType: string;
}

const EMPTY: Filters = { from: '', to: '', actor: '', action: '', recordType: '' };
type FilterErrors = Partial<Record<keyof Filters, string>>;

function outcomeClass(outcome: string | null): string {
  if (!outcome) return 'secondary';
  if (/^(success|ok|allowed|granted)$/i.test(outcome)) return 'success';
  if (/^(denied|forbidden|failure|failed|error)$/i.test(outcome)) return 'danger';
  return 'secondary';
}

/** Record identifiers: shown in full when few, folded behind a disclosure when many. */
function RecordIds({ ids }: { ids: string[] }) {
  const { t } = useI18n();
  if (ids.length === 0) return null;
  const list = (
    <ul className="list-unstyled mb-0 font-monospace ponte-ids">
      {ids.map((id) => (
        <li key={id}>{id}</li>
      ))}
    </ul>
  );
  if (ids.length <= 2) return list;
  return (
    <details className="ponte-ids-details">
      <summary>{t('audit.recordCount', { count: ids.length })}</summary>
      {list}
    </details>
  );
}

export function AuditPage() {
  const { t, tx, formatDateTime } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [errors, setErrors] = useState<FilterErrors>({});
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [loaded, setLoaded] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);
  const toRef = useRef<HTMLInputElement>(null);

  const fetchPage = useCallback(async (filters: Filters, cursor: string | null) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    const path = `/api/v1/audit/entries${query({
      from: filters.from,
      to: filters.to,
      actor: filters.actor.trim(),
      action: filters.action,
      recordType: filters.recordType.trim(),
      limit: AUDIT_PAGE_SIZE,
      cursor,
    })}`;
    return api.get<AuditPageData>(path, { signal: controller.signal });
  }, []);

  const load = useCallback(
    async (filters: Filters) => {
      setLoading(true);
      setError(null);
      try {
        const page = await fetchPage(filters, null);
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setLoaded(true);
        setLoading(false);
      } catch (err) {
        if (isAbort(err)) return;
        const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0 }, true);
        setError(apiErr);
        const fieldErrors: FilterErrors = {};
        for (const k of Object.keys(EMPTY) as (keyof Filters)[]) {
          const m = apiErr.fieldError(k);
          if (m) fieldErrors[k] = m;
        }
        setErrors(fieldErrors);
        setLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void load(EMPTY);
    return () => controllerRef.current?.abort();
  }, [load]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await fetchPage(applied, nextCursor);
      setItems((prev) => [...prev, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      if (!isAbort(err)) setError(err instanceof ApiError ? err : new ApiError({ status: 0 }, true));
    } finally {
      setLoadingMore(false);
    }
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errs: FilterErrors = {};
    if (draft.from && draft.to && draft.to < draft.from) errs.to = t('audit.rangeError');
    setErrors(errs);
    if (errs.to) {
      toRef.current?.focus();
      return;
    }
    setApplied(draft);
    void load(draft);
  };

  const onReset = () => {
    setDraft(EMPTY);
    setErrors({});
    setApplied(EMPTY);
    void load(EMPTY);
  };

  const set = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <>
      <PageTitle title={t('audit.title')} lead={t('audit.intro')}>
        {t('audit.title')}
      </PageTitle>

      <Card className="shadow-sm rounded mb-4" tag="section">
        <CardBody className="p-4">
          <h2 id="audit-filters-heading" className="h4 mb-4">
            {t('audit.filters')}
          </h2>
          <form onSubmit={onSubmit} onReset={onReset} noValidate data-testid="audit-filters" className="pt-2">
            <div className="row g-3">
              <div className="col-12 col-sm-6 col-lg-3">
                <TextField id="audit-from" type="date" label={t('audit.from')} value={draft.from} onValue={set('from')} error={errors.from} />
              </div>
              <div className="col-12 col-sm-6 col-lg-3">
                <TextField id="audit-to" type="date" label={t('audit.to')} value={draft.to} onValue={set('to')} error={errors.to} inputRef={toRef} />
              </div>
              <div className="col-12 col-sm-6 col-lg-3">
                <TextField
                  id="audit-actor"
                  label={t('audit.actor')}
                  value={draft.actor}
                  onValue={set('actor')}
                  error={errors.actor}
                  autoComplete="off"
                  spellCheck={false}
                />
              </div>
              <div className="col-12 col-sm-6 col-lg-3">
                <div className="select-wrapper form-group">
                  <label htmlFor="audit-action">{t('audit.action')}</label>
                  <select
                    id="audit-action"
                    value={draft.action}
                    onChange={(e) => set('action')(e.target.value)}
                    aria-invalid={errors.action ? true : undefined}
                    aria-describedby={errors.action ? 'audit-action-error' : undefined}
                  >
                    <option value="">{t('audit.anyAction')}</option>
                    {AUDIT_ACTIONS.map((a) => (
                      <option key={a} value={a}>
                        {t(`action.${a}`)}
                      </option>
                    ))}
                  </select>
                  {errors.action && (
                    <small id="audit-action-error" className="form-text ponte-error-text">
                      {errors.action}
                    </small>
                  )}
                </div>
              </div>
              <div className="col-12 col-sm-6 col-lg-3">
                <TextField
                  id="audit-record-type"
                  label={t('audit.recordType')}
                  value={draft.recordType}
                  onValue={set('recordType')}
                  error={errors.recordType}
                  autoComplete="off"
                />
              </div>
              <div className="col-12 col-lg-9 d-flex gap-2 align-items-start flex-wrap">
                <Button color="primary" type="submit" disabled={loading}>
                  {t('audit.apply')}
                </Button>
                <Button color="primary" outline type="reset" disabled={loading}>
                  {t('audit.reset')}
                </Button>
              </div>
            </div>
          </form>
        </CardBody>
      </Card>

      <section>
        <h2 id="audit-results-heading" className="visually-hidden">
          {t('audit.caption')}
        </h2>
        {loading && <Loading />}
        {error && !loading && <ProblemAlert error={error} onRetry={() => void load(applied)} />}
        <div aria-live="polite" data-testid="audit-summary">
          {loaded && !loading && <p className="mb-2">{items.length === 0 ? t('audit.empty') : t('audit.shown', { count: items.length })}</p>}
        </div>
        {loaded && !loading && items.length > 0 && (
          <ScrollTable caption={t('audit.caption')} captionHidden testId="audit-table" className="ponte-audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.colAt')}</th>
                <th scope="col">{t('audit.colActor')}</th>
                <th scope="col">{t('audit.colScope')}</th>
                <th scope="col">{t('audit.colAction')}</th>
                <th scope="col">{t('audit.colRecord')}</th>
                <th scope="col">{t('audit.colFields')}</th>
                <th scope="col">{t('audit.colPurpose')}</th>
                <th scope="col">{t('audit.colOutcome')}</th>
                <th scope="col">{t('audit.colIp')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-audit-id={e.id}>
                  <td className="text-nowrap">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>
                    <span className="fw-semibold">{e.actorUsername ?? t('common.none')}</span>
                    {e.actorRole && <div className="small ponte-muted">{tx(`role.${e.actorRole}`, e.actorRole)}</div>}
                  </td>
                  <td className="small ponte-break">{e.actorScope ?? t('common.none')}</td>
                  <td>{tx(`action.${e.action}`, e.action)}</td>
                  <td className="small">
                    {e.recordType ?? t('common.none')}
                    <RecordIds ids={e.recordIds} />
                  </td>
                  <td className="small">{e.fields.length ? e.fields.map((f) => tx(`field.${f}`, f)).join(', ') : t('common.none')}</td>
                  <td className="small">{e.purpose ?? t('common.none')}</td>
                  <td>
                    <span className={`ponte-outcome ponte-outcome-${outcomeClass(e.outcome)}`}>
                      {e.outcome ? tx(`outcome.${e.outcome}`, e.outcome) : t('common.none')}
                    </span>
                  </td>
                  <td className="small font-monospace">{e.ip ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
        {loaded && !loading && items.length > 0 && (
          <div className="mt-3">
            {nextCursor ? (
              <Button color="primary" outline type="button" onClick={() => void loadMore()} disabled={loadingMore} data-testid="audit-load-more">
                {loadingMore ? t('audit.loadingMore') : t('audit.loadMore')}
              </Button>
            ) : (
              <p className="ponte-muted mb-0">{t('audit.end')}</p>
            )}
            {loadingMore && <Loading label={t('audit.loadingMore')} />}
          </div>
        )}
      </section>
    </>
  );
}
