import type { ComponentChildren, JSX } from 'preact';
import type { FieldError } from '../errors.ts';

/**
 * Form parts that follow DESIGN §5: a label on every field, the error next to its field and in
 * a summary at the top that links to it, and the typed value kept (never a password).
 */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="bledy">
      <h2>Popraw {errors.length === 1 ? 'błąd' : 'błędy'} w formularzu</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            {error.field ? <a href={`#pole-${error.field}`}>{error.message}</a> : error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Form({
  action,
  csrfToken,
  children,
  class: className,
}: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={className} noValidate>
      <CsrfField token={csrfToken} />
      {children}
    </form>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  value?: string | undefined;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'number' | 'search';
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  autocomplete?: string | undefined;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  autofocus?: boolean;
}

export function TextField({
  name,
  label,
  value,
  type = 'text',
  hint,
  errors = [],
  autocomplete,
  required,
  maxLength,
  inputMode,
  autofocus,
}: FieldProps) {
  const error = errors.find((e) => e.field === name)?.message;
  const id = `pole-${name}`;
  const describedBy = [hint ? `${id}-podpowiedz` : '', error ? `${id}-blad` : ''].filter(Boolean).join(' ');
  // Preact types each input type separately; this field takes the type as data.
  const inputAttributes = {
    id,
    name,
    type,
    value: type === 'password' ? undefined : value,
    autocomplete,
    required,
    maxLength,
    inputMode,
    autofocus,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy || undefined,
  } as JSX.IntrinsicElements['input'];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {label}
        {required ? null : <span class="hint"> (nieobowiązkowe)</span>}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-podpowiedz`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-blad`}>
          <span class="visually-hidden">Błąd: </span>
          {error}
        </p>
      ) : null}
      <input {...inputAttributes} />
    </div>
  );
}
