import type { ComponentChildren, JSX } from 'preact';
import type { FieldError } from '../errors.ts';
import { counted, countOf } from '../lib/plural.ts';
import { assetUrl } from './assets.ts';

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

/**
 * Label, hint and error of one field, shared by every kind of input: the error is announced with
 * the field (aria-describedby) and the field is marked invalid.
 */
function Field({
  name,
  label,
  hint,
  errors = [],
  required,
  control,
}: {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  required?: boolean | undefined;
  /** Renders the input with its id and ARIA attributes. */
  control: (attributes: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const error = errors.find((e) => e.field === name)?.message;
  const id = `pole-${name}`;
  const describedBy = [hint ? `${id}-podpowiedz` : '', error ? `${id}-blad` : ''].filter(Boolean).join(' ');
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
      {control({
        id,
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
    </div>
  );
}

/** `YYYY-MM-DD` shown as people write it, `DD.MM.RRRR`; anything else (as typed) unchanged. */
export function displayDate(value: string | undefined): string | undefined {
  const iso = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim()) : null;
  return iso ? `${iso[3]}.${iso[2]}.${iso[1]}` : value;
}

/** What a date field says of its format when its own hint does not. */
export const DATE_HINT = 'DD.MM.RRRR, np. 15.03.2026.';

/**
 * The attributes of every date input: a text field showing and taking `DD.MM.RRRR` (the server
 * also accepts `RRRR-MM-DD`), with the browser's date picker beside it added by
 * js/date-picker.js where the browser has one (progressive enhancement).
 */
export function dateInputAttributes(value: string | undefined) {
  return {
    type: 'text',
    value: displayDate(value),
    inputMode: 'numeric',
    autocomplete: 'off',
    maxLength: 10,
    size: 12,
    'data-date-picker': '',
  } as const;
}

/** A bare date input (filters of lists), labelled by the caller; see `dateInputAttributes`. */
export function DateInput({
  id,
  name,
  value,
  ...rest
}: { id: string; name: string; value: string | undefined } & Omit<JSX.IntrinsicElements['input'], 'value'>) {
  const input = { ...rest, id, name, ...dateInputAttributes(value) } as JSX.IntrinsicElements['input'];
  return (
    <>
      <input {...input} />
      <DatePickerScript />
    </>
  );
}

/**
 * js/date-picker.js, written after each date field: only pages with one load it (a module runs
 * once however often it is named).
 */
function DatePickerScript() {
  return <script type="module" src={assetUrl('js/date-picker.js')} />;
}

export function TextField({
  name,
  label,
  value,
  type = 'text',
  hint,
  errors,
  autocomplete,
  required,
  maxLength,
  inputMode,
  autofocus,
}: FieldProps) {
  return (
    <Field
      name={name}
      label={label}
      hint={type === 'date' && !hint ? DATE_HINT : hint}
      errors={errors}
      required={required}
      control={(attributes) => {
        // Preact types each input type separately; this field takes the type as data.
        const input = {
          ...attributes,
          name,
          type,
          value: type === 'password' ? undefined : value,
          autocomplete,
          required,
          maxLength,
          inputMode,
          autofocus,
          // Dates: DD.MM.RRRR as text with the browser's picker beside it (dateInputAttributes).
          ...(type === 'date' ? dateInputAttributes(value) : {}),
        } as JSX.IntrinsicElements['input'];
        return type === 'date' ? (
          <>
            <input {...input} />
            <DatePickerScript />
          </>
        ) : (
          <input {...input} />
        );
      }}
    />
  );
}

/**
 * The new password of a form (`nowe`), with a strength hint while typing: js/password-strength.js
 * (a small module; it fetches the dictionaries when the field is first used) fills it in as
 * progressive enhancement; the server's rules alone decide. `words` are what the
 * estimate should count as guessable (login, names).
 */
export function NewPasswordField({
  minimum,
  words,
  errors,
}: {
  minimum: number;
  words: string;
  errors?: FieldError[] | undefined;
}) {
  return (
    <div class="strength-field">
      <TextField
        name="nowe"
        label="Nowe hasło"
        type="password"
        autocomplete="new-password"
        hint={`Co najmniej ${countOf(minimum, counted.characters)}. Najłatwiej zapamiętać kilka słów, np. „zielony żuraw nad stawem”. Dozwolone są wszystkie znaki, także polskie litery i spacje.`}
        required
        errors={errors}
      />
      <div class="strength-meter" data-strength-meter="pole-nowe" aria-hidden="true" hidden />
      <p
        id="pole-nowe-sila"
        class="hint"
        aria-live="polite"
        data-strength-for="pole-nowe"
        data-strength-min={minimum}
        data-strength-words={words}
      />
      <script type="module" src={assetUrl('js/password-strength.js')} />
    </div>
  );
}

/** A multi-line field with its label, hint and error, like TextField. */
export function TextArea({
  name,
  label,
  value,
  hint,
  errors,
  rows = 12,
  required,
}: {
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  rows?: number;
  required?: boolean;
}) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      errors={errors}
      required={required}
      control={(attributes) => (
        <textarea {...attributes} name={name} rows={rows}>
          {value ?? ''}
        </textarea>
      )}
    />
  );
}

/** A choice from a list, with its label, hint and error, like TextField. */
export function SelectField({
  name,
  label,
  options,
  value,
  errors,
  required = true,
  hint,
}: {
  name: string;
  label: string;
  options: readonly (readonly [string, string])[];
  value?: string | undefined;
  errors?: FieldError[] | undefined;
  required?: boolean;
  hint?: string;
}) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      errors={errors}
      required={required}
      control={(attributes) => (
        <select {...attributes} name={name}>
          {options.map(([optionValue, optionLabel]) => (
            <option key={optionValue} value={optionValue} selected={optionValue === value}>
              {optionLabel}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * A file input with its label, hint and error, like TextField. Browsers never keep a chosen file
 * when a form comes back with errors, so the form should say so (see `FilesNotKept`).
 */
export function FileField({
  name,
  label,
  hint,
  errors,
  accept,
  required = true,
  multiple = false,
}: {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  /** e.g. `.pdf,application/pdf` */
  accept: string;
  required?: boolean;
  /** Several files at once. */
  multiple?: boolean;
}) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      errors={errors}
      required={required}
      control={(attributes) => (
        <input {...attributes} name={name} type="file" accept={accept} multiple={multiple || undefined} />
      )}
    />
  );
}

/** After a failed upload form: the browser has forgotten the chosen files. */
export function FilesNotKept({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <p class="notice">Ze względów bezpieczeństwa przeglądarka nie zachowuje wybranych plików: wybierz je ponownie.</p>
  );
}

/** A short confirmation after an action, announced to screen readers. */
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}
