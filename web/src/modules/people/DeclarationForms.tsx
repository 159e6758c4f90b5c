import { Button } from 'design-react-kit';
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { type ApiError, api } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { asApiError } from '../../ui/problem.ts';
import { TextField } from '../../ui/TextField.tsx';
import { TextAreaField } from './fields.tsx';
import { isCalendarDate, romeToday, sentence } from './helpers.ts';
import { type Declaration, peoplePath } from './types.ts';

interface DeclareProps {
  personId: string;
  onCancel: () => void;
  onDone: (declaredOn: string) => void;
}

/** Records a DID given at the job centre: its date and, during a dismissal notice, the notice's last day. */
export function DeclareForm({ personId, onCancel, onDone }: DeclareProps) {
  const { t, formatDate } = useI18n();
  const today = romeToday();
  const [declaredOn, setDeclaredOn] = useState(today);
  const [atRiskUntil, setAtRiskUntil] = useState('');
  const [errors, setErrors] = useState<{ declaredOn?: string; atRiskUntil?: string }>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dateRef = useRef<HTMLInputElement>(null);
  const untilRef = useRef<HTMLInputElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dateRef.current?.focus();
  }, []);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setFailure(null);
    const found: typeof errors = {};
    if (!declaredOn || !isCalendarDate(declaredOn)) found.declaredOn = t('did.errDate');
    else if (declaredOn > today) found.declaredOn = t('did.errFuture', { today: formatDate(today) });
    if (atRiskUntil && !isCalendarDate(atRiskUntil)) found.atRiskUntil = t('did.errUntilFormat');
    else if (atRiskUntil && declaredOn && atRiskUntil < declaredOn) found.atRiskUntil = t('did.errUntilBefore');
    setErrors(found);
    if (found.declaredOn || found.atRiskUntil) {
      (found.declaredOn ? dateRef : untilRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.post(`${peoplePath(personId)}/availability-declarations`, { declaredOn, ...(atRiskUntil ? { atRiskUntil } : {}) });
      onDone(declaredOn);
    } catch (err) {
      const apiErr = asApiError(err);
      const fromServer = { declaredOn: apiErr.fieldError('declaredOn'), atRiskUntil: apiErr.fieldError('atRiskUntil') };
      setErrors({
        ...(fromServer.declaredOn ? { declaredOn: sentence(fromServer.declaredOn) } : {}),
        ...(fromServer.atRiskUntil ? { atRiskUntil: sentence(fromServer.atRiskUntil) } : {}),
      });
      setFailure(apiErr);
      setBusy(false);
      if (fromServer.declaredOn) dateRef.current?.focus();
      else if (fromServer.atRiskUntil) untilRef.current?.focus();
      else requestAnimationFrame(() => failureRef.current?.focus());
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="ponte-inline-form" data-testid="did-form">
      <h3 className="h5 mb-2">{t('did.formHeading')}</h3>
      <p className="small mb-4">{t('did.formIntro')}</p>
      {failure && (
        <div ref={failureRef} tabIndex={-1} className="ponte-focus-target">
          <ProblemAlert error={failure} title={failure.problem.title ?? t('did.failedTitle')} testId="did-error" />
        </div>
      )}
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField
            id="did-declared-on"
            type="date"
            label={t('did.declaredOn')}
            value={declaredOn}
            onValue={setDeclaredOn}
            error={errors.declaredOn}
            max={today}
            aria-required="true"
            inputRef={dateRef}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="did-at-risk-until"
            type="date"
            label={t('did.atRiskUntil')}
            value={atRiskUntil}
            onValue={setAtRiskUntil}
            error={errors.atRiskUntil}
            help={t('did.atRiskUntilHelp')}
            min={declaredOn || undefined}
            inputRef={untilRef}
          />
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2">
        <Button color="primary" type="submit" disabled={busy} data-testid="did-submit">
          {busy ? t('did.saving') : t('did.submit')}
        </Button>
        <Button color="primary" outline type="button" onClick={onCancel} disabled={busy}>
          {t('did.cancel')}
        </Button>
      </div>
    </form>
  );
}

interface RevokeProps {
  personId: string;
  declaration: Declaration;
  onCancel: () => void;
  onDone: (revokedOn: string) => void;
}

/** Revokes a DID from a date, with the reason (both recorded and shown in the history). */
export function RevokeForm({ personId, declaration, onCancel, onDone }: RevokeProps) {
  const { t, formatDate } = useI18n();
  const [revokedOn, setRevokedOn] = useState(romeToday());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ revokedOn?: string; reason?: string }>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dateRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dateRef.current?.focus();
  }, []);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setFailure(null);
    const found: typeof errors = {};
    if (!revokedOn || !isCalendarDate(revokedOn)) found.revokedOn = t('revoke.errDate');
    else if (revokedOn < declaration.declaredOn) found.revokedOn = t('revoke.errBefore', { date: formatDate(declaration.declaredOn) });
    if (reason.trim().length < 5) found.reason = t('revoke.errReason');
    setErrors(found);
    if (found.revokedOn || found.reason) {
      if (found.revokedOn) dateRef.current?.focus();
      else reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.post(`${peoplePath(personId)}/availability-declarations/${encodeURIComponent(declaration.id)}/revocation`, {
        revokedOn,
        reason: reason.trim(),
      });
      onDone(revokedOn);
    } catch (err) {
      const apiErr = asApiError(err);
      const fromServer = { revokedOn: apiErr.fieldError('revokedOn'), reason: apiErr.fieldError('reason') };
      setErrors({
        ...(fromServer.revokedOn ? { revokedOn: sentence(fromServer.revokedOn) } : {}),
        ...(fromServer.reason ? { reason: sentence(fromServer.reason) } : {}),
      });
      setFailure(apiErr);
      setBusy(false);
      if (fromServer.revokedOn) dateRef.current?.focus();
      else if (fromServer.reason) reasonRef.current?.focus();
      else requestAnimationFrame(() => failureRef.current?.focus());
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="ponte-inline-form" data-testid="revoke-form">
      <h3 className="h5 mb-2">{t('revoke.formHeading', { date: formatDate(declaration.declaredOn) })}</h3>
      <p className="small mb-4">{t('revoke.formIntro')}</p>
      {failure && (
        <div ref={failureRef} tabIndex={-1} className="ponte-focus-target">
          <ProblemAlert error={failure} title={failure.problem.title ?? t('revoke.failedTitle')} testId="revoke-error" />
        </div>
      )}
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <TextField
            id="revoke-revoked-on"
            type="date"
            label={t('revoke.revokedOn')}
            value={revokedOn}
            onValue={setRevokedOn}
            error={errors.revokedOn}
            min={declaration.declaredOn}
            aria-required="true"
            inputRef={dateRef}
          />
        </div>
        <div className="col-12">
          <TextAreaField
            id="revoke-reason"
            label={t('revoke.reason')}
            value={reason}
            onValue={setReason}
            error={errors.reason}
            help={t('revoke.reasonHelp')}
            rows={3}
            maxLength={500}
            aria-required="true"
            inputRef={reasonRef}
          />
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2">
        <Button color="danger" type="submit" disabled={busy} data-testid="revoke-submit">
          {busy ? t('revoke.saving') : t('revoke.submit')}
        </Button>
        <Button color="primary" outline type="button" onClick={onCancel} disabled={busy}>
          {t('revoke.cancel')}
        </Button>
      </div>
    </form>
  );
}
