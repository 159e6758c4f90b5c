import type { InputProps } from 'design-react-kit';
import { Input } from 'design-react-kit';
import type { ChangeEvent, Ref } from 'react';

type Props = Omit<InputProps, 'onChange' | 'value' | 'label' | 'id'> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** Error message shown under the field and linked to it with aria-describedby. */
  error?: string | undefined;
  /** Help text shown when there is no error. */
  help?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
};

/**
 * A design-react-kit Input with a visible label and an error message tied to the field
 * (aria-invalid + aria-describedby), so errors are read out next to the field they concern.
 */
export function TextField({ id, label, value, onValue, error, help, inputRef, wrapperClassName, ...rest }: Props) {
  const message = error ?? help;
  return (
    <Input
      {...rest}
      id={id}
      label={label}
      value={value}
      innerRef={inputRef}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onValue(e.target.value)}
      infoText={message}
      valid={error ? false : undefined}
      aria-invalid={error ? true : undefined}
      wrapperClassName={`${wrapperClassName ?? ''} ${error ? 'ponte-field-error' : ''}`.trim()}
    />
  );
}
