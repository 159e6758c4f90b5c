import type { TextAreaProps } from 'design-react-kit';
import { TextArea } from 'design-react-kit';
import type { ChangeEvent, Ref } from 'react';

type Props = Omit<TextAreaProps, 'onChange' | 'value' | 'label' | 'id' | 'infoText'> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  /** Help text shown when there is no error (always give one: design-react-kit always sets aria-describedby). */
  help: string;
  inputRef?: Ref<HTMLTextAreaElement>;
};

/** The multi-line twin of `ui/TextField`: visible label, error tied to the field (aria-invalid + aria-describedby). */
export function TextAreaField({ id, label, value, onValue, error, help, inputRef, wrapperClassName, ...rest }: Props) {
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
