import { Button } from 'design-react-kit';
import type { Ref } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { CheckField, TextAreaField } from './fields.tsx';
import type { IdentityWarning } from './types.ts';

export interface WarningConfirmation {
  confirmed: boolean;
  reason: string;
}

interface Props {
  panelRef: Ref<HTMLHeadingElement>;
  title: string;
  detail: string;
  warnings: IdentityWarning[];
  confirmations: Record<string, WarningConfirmation>;
  reasonErrors: Record<string, string>;
  onConfirmation: (warning: string, confirmation: WarningConfirmation) => void;
  onCorrect: (warning: string) => void;
  fieldLabelOf: (warning: string) => string | null;
  submitting: boolean;
}

/**
 * Declared data that disagree with the tax code (422): each difference with the server's explanation; the operator
 * corrects the datum in the form, or confirms it with a reason (stored with the record), then registers again.
 */
export function IdentityWarnings({
  panelRef,
  title,
  detail,
  warnings,
  confirmations,
  reasonErrors,
  onConfirmation,
  onCorrect,
  fieldLabelOf,
  submitting,
}: Props) {
  const { t, tx } = useI18n();
  return (
    <div className="ponte-warnings-panel mb-4" data-testid="identity-warnings">
      <h2 ref={panelRef} tabIndex={-1} className="h4 ponte-focus-target mb-2">
        {title}
      </h2>
      {detail && <p className="mb-3">{detail}</p>}
      <ol className="list-unstyled mb-3">
        {warnings.map((w, i) => {
          const n = i + 1;
          const c = confirmations[w.warning] ?? { confirmed: false, reason: '' };
          const field = fieldLabelOf(w.warning);
          return (
            <li key={w.warning} className="ponte-warning-item" data-testid={`identity-warning-${w.warning}`}>
              <fieldset>
                <legend className="ponte-legend-label">
                  {t('reg.warningLegend', { n, total: warnings.length, what: tx(`warning.${w.warning}`, w.warning) })}
                </legend>
                <p className="mb-2">{w.message}</p>
                {field && (
                  <p className="mb-2">
                    <Button color="primary" outline size="xs" type="button" onClick={() => onCorrect(w.warning)}>
                      {t('reg.warningCorrect', { field })}
                    </Button>
                  </p>
                )}
                <CheckField
                  id={`reg-confirm-${w.warning}`}
                  label={t('reg.warningConfirm', { n })}
                  checked={c.confirmed}
                  onChecked={(confirmed) => onConfirmation(w.warning, { ...c, confirmed })}
                />
                {c.confirmed && (
                  <TextAreaField
                    id={`reg-reason-${w.warning}`}
                    label={t('reg.warningReason', { n })}
                    value={c.reason}
                    onValue={(reason) => onConfirmation(w.warning, { ...c, reason })}
                    error={reasonErrors[w.warning]}
                    help={t('reg.warningReasonHelp')}
                    rows={2}
                    wrapperClassName="mt-4"
                    maxLength={500}
                    aria-required="true"
                  />
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p className="mb-2">{t('reg.warningsHow')}</p>
      <Button color="primary" type="submit" disabled={submitting} data-testid="register-confirm-submit">
        {submitting ? t('reg.submitting') : t('reg.warningsSubmit')}
      </Button>
    </div>
  );
}
