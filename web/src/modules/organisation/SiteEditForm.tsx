import { Alert, Button } from 'design-react-kit';
import type { FormEvent, RefObject } from 'react';
import { useId, useRef, useState } from 'react';
import { ApiError, api, apiRequest } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { asApiError, problemMessage } from '../../ui/problem.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  applyChanges,
  changesOf,
  conflictOf,
  differingFields,
  type EditableSite,
  isSiteField,
  jobCentrePath,
  type ManagedJobCentre,
  SITE_FIELDS,
  type SiteField,
  type SiteUpdateResult,
  type SiteValues,
  sentence,
  sitePath,
  valuesOf,
} from './siteEditing.ts';
import { TextAreaField } from './TextAreaField.tsx';

interface Conflict {
  currentVersion: number | null;
  changedFields: string[];
}

type Notice = 'kept' | 'reloaded' | 'noChanges' | null;

interface Props {
  site: EditableSite;
  jobCentreId: string;
  onCancel: () => void;
  /** Saved: the site as it now is and the fields the server changed. */
  onSaved: (site: EditableSite, changedFields: string[]) => void;
  /** Ask the page to read the job centre again (after a conflict). */
  onRefresh: () => void;
}

const focusSoon = (ref: RefObject<HTMLElement | null>) => requestAnimationFrame(() => ref.current?.focus());

/**
 * Editing one site with optimistic concurrency: the version loaded is sent back; a 400 shows the errors
 * next to the fields keeping what was typed; a 409 lets the user reload or keep their edits and overwrite.
 */
export function SiteEditForm({ site, jobCentreId, onCancel, onSaved, onRefresh }: Props) {
  const { t, tx } = useI18n();
  const uid = useId();
  const fieldId = (f: SiteField) => `site-${uid.replace(/:/g, '')}-${f}`;

  /** The values the user started from: changes are computed against these. */
  const [start, setStart] = useState<EditableSite>(site);
  const [values, setValues] = useState<SiteValues>(() => valuesOf(site));
  const [version, setVersion] = useState(site.version);
  const [errors, setErrors] = useState<Partial<Record<SiteField, string>>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<'saving' | 'reloading' | null>(null);
  /** The site as the other person saved it (after a conflict): the base of what is shown once saved. */
  const [latest, setLatest] = useState<EditableSite | null>(null);

  const refs = {
    name: useRef<HTMLInputElement>(null),
    address: useRef<HTMLInputElement>(null),
    phone: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    openingHours: useRef<HTMLTextAreaElement>(null),
  };
  const conflictRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);

  const fieldLabel = (f: string) => tx(`site.field.${f}`, f);
  const setValue = (f: SiteField) => (v: string) => setValues((prev) => ({ ...prev, [f]: v }));

  /** The site as saved now, read again (the 409 does not carry the values). */
  const readLatest = async (): Promise<EditableSite | null> => {
    const centre = await api.get<ManagedJobCentre>(jobCentrePath(jobCentreId));
    return centre.sites.find((s) => s.id === site.id) ?? null;
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setFailure(null);
    setNotice(null);
    setConflict(null);
    if (values.name.trim().length < 2) {
      setErrors({ name: t('site.requiredName') });
      refs.name.current?.focus();
      return;
    }
    setErrors({});
    const changes = changesOf(valuesOf(start), values);
    if (Object.keys(changes).length === 0) {
      setNotice('noChanges');
      focusSoon(noticeRef);
      return;
    }
    setBusy('saving');
    try {
      const res = await apiRequest<SiteUpdateResult>('PATCH', sitePath(site.id), { version, ...changes });
      onSaved(applyChanges(latest ?? start, changes, res.version), res.changedFields);
    } catch (err) {
      const apiErr = asApiError(err);
      if (apiErr.status === 409) {
        const fromServer = conflictOf(apiErr);
        let now: EditableSite | null = null;
        try {
          now = await readLatest();
        } catch {
          // keep what the 409 said
        }
        setLatest(now);
        setConflict({
          currentVersion: fromServer.currentVersion ?? now?.version ?? null,
          changedFields: fromServer.changedFields ?? (now ? differingFields(start, now) : []),
        });
        setBusy(null);
        focusSoon(conflictRef);
        return;
      }
      const fieldErrors: Partial<Record<SiteField, string>> = {};
      for (const f of SITE_FIELDS) {
        const m = apiErr.fieldError(f);
        if (m) fieldErrors[f] = sentence(m);
      }
      setErrors(fieldErrors);
      setFailure(apiErr);
      setBusy(null);
      const first = SITE_FIELDS.find((f) => fieldErrors[f]);
      if (first) requestAnimationFrame(() => refs[first].current?.focus());
      else focusSoon(failureRef);
    }
  };

  const onReload = async () => {
    setBusy('reloading');
    setFailure(null);
    try {
      const now = await readLatest();
      if (!now) throw new ApiError({ status: 404 });
      setStart(now);
      setLatest(null);
      setValues(valuesOf(now));
      setVersion(now.version);
      setErrors({});
      setConflict(null);
      setNotice('reloaded');
      onRefresh();
      focusSoon(noticeRef);
    } catch (err) {
      setFailure(asApiError(err));
      focusSoon(failureRef);
    } finally {
      setBusy(null);
    }
  };

  const onKeep = () => {
    if (!conflict) return;
    if (conflict.currentVersion !== null) setVersion(conflict.currentVersion);
    // `start` stays what the user started from: saving again sends only the fields they changed.
    setConflict(null);
    setNotice('kept');
    focusSoon(saveRef);
  };

  const fieldErrorsShown = failure && failure.status === 400 && Object.keys(errors).length > 0;
  const unknownFieldErrors = failure?.problem.errors?.filter((e) => !isSiteField(e.field)) ?? [];

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="site-edit-form" data-site-id={site.id} className="mt-3">
      <h4 className="h5 mb-3">{t('site.formHeading')}</h4>

      {conflict && (
        <div ref={conflictRef} tabIndex={-1} className="ponte-focus-target">
          <Alert color="warning" fade={false} testId="site-conflict" role="alert">
            <p className="fw-semibold mb-1">{t('site.conflictTitle')}</p>
            <p className="mb-1">
              {conflict.currentVersion !== null ? t('site.conflict', { version: conflict.currentVersion }) : t('site.conflictUnknownVersion')}
              {conflict.changedFields.length > 0 && <> {t('site.conflictFields', { fields: conflict.changedFields.map(fieldLabel).join(', ') })}</>}
            </p>
            <p className="mb-2">{t('site.conflictChoose')}</p>
            <ul className="mb-2 ps-3">
              <li>
                <strong>{t('site.conflictReload')}</strong>: {t('site.conflictReloadHelp')}
              </li>
              <li>
                <strong>{t('site.conflictKeep')}</strong>: {t('site.conflictKeepHelp')}
              </li>
            </ul>
            <div className="d-flex flex-wrap gap-2">
              <Button color="primary" size="sm" type="button" onClick={() => void onReload()} disabled={busy !== null}>
                {busy === 'reloading' ? t('site.reloading') : t('site.conflictReload')}
              </Button>
              <Button color="primary" outline size="sm" type="button" onClick={onKeep} disabled={busy !== null}>
                {t('site.conflictKeep')}
              </Button>
            </div>
          </Alert>
        </div>
      )}

      {failure && (
        <div ref={failureRef} tabIndex={-1} className="ponte-focus-target">
          <Alert color="danger" fade={false} testId="site-save-error" role="alert">
            <p className="fw-semibold mb-1">{t('site.errorTitle')}</p>
            <p className="mb-0">{fieldErrorsShown ? t('site.fieldErrors') : problemMessage(failure, t)}</p>
            {unknownFieldErrors.length > 0 && (
              <ul className="mb-0 mt-1">
                {unknownFieldErrors.map((e) => (
                  <li key={`${e.field}-${e.message}`}>
                    {e.field}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        </div>
      )}

      {notice && (
        <div ref={noticeRef} tabIndex={-1} className="ponte-focus-target">
          <Alert color="info" fade={false} testId="site-edit-notice" role="status">
            {notice === 'kept' ? t('site.kept') : notice === 'reloaded' ? t('site.reloaded') : t('site.noChanges')}
          </Alert>
        </div>
      )}

      <div className="row mt-5">
        <div className="col-12 col-lg-6">
          <TextField
            id={fieldId('name')}
            name="name"
            label={t('site.fieldName')}
            value={values.name}
            onValue={setValue('name')}
            error={errors.name}
            aria-required="true"
            maxLength={200}
            inputRef={refs.name}
          />
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={fieldId('address')}
            name="address"
            label={t('site.fieldAddress')}
            value={values.address}
            onValue={setValue('address')}
            error={errors.address}
            autoComplete="off"
            maxLength={300}
            inputRef={refs.address}
          />
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={fieldId('phone')}
            name="phone"
            type="tel"
            label={t('site.fieldPhone')}
            value={values.phone}
            onValue={setValue('phone')}
            error={errors.phone}
            help={t('site.phoneHelp')}
            autoComplete="off"
            inputRef={refs.phone}
          />
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={fieldId('email')}
            name="email"
            type="email"
            label={t('site.fieldEmail')}
            value={values.email}
            onValue={setValue('email')}
            error={errors.email}
            autoComplete="off"
            spellCheck={false}
            inputRef={refs.email}
          />
        </div>
        <div className="col-12">
          <TextAreaField
            id={fieldId('openingHours')}
            name="openingHours"
            label={t('site.fieldHours')}
            value={values.openingHours}
            onValue={setValue('openingHours')}
            error={errors.openingHours}
            help={t('site.hoursHelp')}
            rows={2}
            maxLength={500}
            inputRef={refs.openingHours}
          />
        </div>
      </div>

      <div className="d-flex flex-wrap gap-2">
        <Button color="primary" type="submit" disabled={busy !== null} innerRef={saveRef}>
          {busy === 'saving' ? t('site.saving') : t('site.save')}
        </Button>
        <Button color="primary" outline type="button" onClick={onCancel} disabled={busy === 'saving'}>
          {t('site.cancel')}
        </Button>
      </div>
    </form>
  );
}
