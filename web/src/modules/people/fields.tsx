import type { TextAreaProps } from 'design-react-kit';
import { TextArea } from 'design-react-kit';
import type { ChangeEvent, ReactNode, Ref } from 'react';

/** Error or help text under a control, tied to it with aria-describedby. */
function Description({ id, error, help }: { id: string; error?: string | undefined; help?: string | undefined }) {
  const text = error ?? help;
  if (!text) return null;
  return (
    <small id={id} className={`form-text ${error ? 'ponte-error-text' : ''}`}>
      {text}
    </small>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  help?: string | undefined;
  disabled?: boolean;
  required?: boolean;
  selectRef?: Ref<HTMLSelectElement>;
  children: ReactNode;
  testId?: string;
  wrapperClassName?: string;
}

/** A native select (keyboard and screen-reader friendly) with visible label and an error tied to it. */
export function SelectField({ id, label, value, onValue, error, help, disabled, required, selectRef, children, testId, wrapperClassName }: SelectProps) {
  const describedBy = error || help ? `${id}-description` : undefined;
  return (
    <div className={`select-wrapper form-group ${error ? 'ponte-field-error' : ''} ${wrapperClassName ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        ref={selectRef}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        disabled={disabled}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
      >
        {children}
      </select>
      <Description id={`${id}-description`} error={error} help={help} />
    </div>
  );
}

type TextAreaFieldProps = Omit<TextAreaProps, 'onChange' | 'value' | 'label' | 'id' | 'infoText'> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  /** Always give one: design-react-kit always points aria-describedby at the description. */
  help: string;
  inputRef?: Ref<HTMLTextAreaElement>;
};

/** The multi-line twin of `ui/TextField`. */
export function TextAreaField({ id, label, value, onValue, error, help, inputRef, wrapperClassName, ...rest }: TextAreaFieldProps) {
  return (
    <TextArea
      {...rest}
      id={id}
      label={label}
      value={value}
      innerRef={inputRef}
      onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onValue(e.target.value)}
      infoText={error ?? help}
      valid={error ? false : undefined}
      aria-invalid={error ? true : undefined}
      wrapperClassName={`${wrapperClassName ?? ''} ${error ? 'ponte-field-error' : ''}`.trim()}
    />
  );
}

interface CheckProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  error?: string | undefined;
  help?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
  testId?: string;
}

/** A bootstrap-italia checkbox with its label and an error tied to it. */
export function CheckField({ id, label, checked, onChecked, error, help, inputRef, required, testId }: CheckProps) {
  const describedBy = error || help ? `${id}-description` : undefined;
  return (
    <div className={`form-check mb-3 ${error ? 'ponte-field-error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        ref={inputRef}
        checked={checked}
        onChange={(e) => onChecked(e.target.checked)}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
      {describedBy && (
        <div className="ponte-check-description">
          <Description id={`${id}-description`} error={error} help={help} />
        </div>
      )}
    </div>
  );
}

interface RadioGroupProps {
  name: string;
  legend: string;
  value: string;
  options: { value: string; label: string }[];
  onValue: (value: string) => void;
  error?: string | undefined;
  firstRef?: Ref<HTMLInputElement>;
}

/** Radio buttons in a fieldset whose legend names the group. */
export function RadioGroup({ name, legend, value, options, onValue, error, firstRef }: RadioGroupProps) {
  const describedBy = error ? `${name}-description` : undefined;
  return (
    <fieldset className={`mb-4 ${error ? 'ponte-field-error' : ''}`}>
      <legend className="ponte-legend-label">{legend}</legend>
      {options.map((o, i) => (
        <div key={o.value} className="form-check form-check-inline">
          <input
            id={`${name}-${o.value}`}
            name={name}
            type="radio"
            value={o.value}
            checked={value === o.value}
            onChange={() => onValue(o.value)}
            ref={i === 0 ? firstRef : undefined}
            aria-describedby={describedBy}
          />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      <Description id={`${name}-description`} error={error} />
    </fieldset>
  );
}
