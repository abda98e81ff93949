import { useId, type ReactNode } from 'react';
import { useFormContext } from './form-context';

export interface FieldProps {
  label: string;
  path: string;
  required?: boolean;
  hint?: string;
  /** Checkbox beside its label rather than below it. */
  inline?: boolean;
  children: (inputId: string) => ReactNode;
}

/** Label, input and the compiler's message for this field. */
export function Field({ label, path, required, hint, inline, children }: FieldProps) {
  const id = useId();
  const error = useFormContext().errors.get(path);
  return (
    <div className={`field${inline ? ' field--inline' : ''}${error ? ' field--invalid' : ''}`} data-path={path}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children(id)}
      {hint ? <p className="field__hint">{hint}</p> : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A group of fields (objects, lists, conditions) with the same error slot. */
export function FieldGroup({
  label,
  path,
  children,
  actions,
}: {
  label: string;
  path: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const error = useFormContext().errors.get(path);
  return (
    <fieldset className={`field-group${error ? ' field--invalid' : ''}`} data-path={path}>
      <legend className="field-group__legend">
        {label}
        {actions}
      </legend>
      {children}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
