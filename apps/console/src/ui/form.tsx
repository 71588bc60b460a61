import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../problem';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

/** USWDS form group: label, hint, the registry's message for this field, then the control. */
function Group({ id, label, hint, error, required, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${error ? ' usa-label--error' : ''}`} for={id}>
        {label}
        {required ? null : <span class="usa-hint"> (optional)</span>}
      </label>
      {hint ? (
        <div class="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

type InputProps = FieldProps & {
  value: string;
  onValue: (value: string) => void;
} & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'id' | 'label'>;

export function TextField({ id, label, hint, error, required, value, onValue, ...rest }: InputProps) {
  return (
    <Group id={id} label={label} hint={hint} error={error} required={required}>
      <input
        class={`usa-input${error ? ' usa-input--error' : ''}`}
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onValue(event.currentTarget.value)}
        {...rest}
      />
    </Group>
  );
}

export function TextArea({
  id,
  label,
  hint,
  error,
  required,
  value,
  onValue,
  maxLength,
}: FieldProps & { value: string; onValue: (v: string) => void; maxLength?: number }) {
  return (
    <Group id={id} label={label} hint={hint} error={error} required={required}>
      <textarea
        class={`usa-textarea${error ? ' usa-input--error' : ''}`}
        id={id}
        name={id}
        value={value}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Group>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  required,
  value,
  onValue,
  options,
}: FieldProps & { value: string; onValue: (v: string) => void; options: [string, string][] }) {
  return (
    <Group id={id} label={label} hint={hint} error={error} required={required}>
      <select
        class={`usa-select${error ? ' usa-input--error' : ''}`}
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        <option value="">- Select -</option>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </Group>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChecked,
  hint,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChecked: (v: boolean) => void;
  hint?: string;
}) {
  return (
    <div class="usa-checkbox">
      <input class="usa-checkbox__input" id={id} name={id} type="checkbox" checked={checked} onChange={(event) => onChecked(event.currentTarget.checked)} />
      <label class="usa-checkbox__label" for={id}>
        {label}
        {hint ? <span class="usa-checkbox__label-description">{hint}</span> : null}
      </label>
    </div>
  );
}

/** A checkbox group over a list of values (roles, event types, categories). */
export function CheckboxGroup({
  id,
  legend,
  options,
  values,
  onValues,
  error,
}: {
  id: string;
  legend: string;
  options: [string, string][];
  values: string[];
  onValues: (v: string[]) => void;
  error?: string;
}) {
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend class="usa-legend">{legend}</legend>
        {error ? (
          <span class="usa-error-message" id={`${id}-error`}>
            {error}
          </span>
        ) : null}
        {options.map(([value, text]) => (
          <Checkbox
            key={value}
            id={`${id}-${value}`}
            label={text}
            checked={values.includes(value)}
            onChecked={(on) => onValues(on ? [...values, value] : values.filter((v) => v !== value))}
          />
        ))}
      </fieldset>
    </div>
  );
}

/**
 * The registry's refusal above the form: its `detail`, and each field error as a link to the
 * field (the fields show the same words beside them). Focused when it appears, so a screen
 * reader announces it and a keyboard user starts from it.
 */
export function ProblemSummary({ error, fieldIds = {}, heading }: { error: unknown; fieldIds?: Record<string, string>; heading?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  // A token that stopped working (not a wrong password): the sign-in opens over the screen; say so in words.
  const sessionEnded = problem?.code === 'AUTH.UNAUTHENTICATED';
  const detail = sessionEnded
    ? 'Your session ended. Sign in again, then send this again: what you typed is kept.'
    : (problem?.detail ?? (error instanceof Error ? error.message : 'Something went wrong.'));
  const errors = problem?.errors ?? [];
  return (
    <div class="usa-alert usa-alert--error usa-alert--slim margin-bottom-2" role="alert" tabIndex={-1} ref={ref} data-testid="problem">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading font-sans-sm">{heading ?? problemHeading(problem?.status)}</h2>
        <p class="usa-alert__text">{detail}</p>
        {errors.length ? (
          <ul class="usa-list margin-top-1">
            {errors.map(({ field, message }) => (
              <li key={field + message}>
                {fieldIds[field] ? (
                  <a href={`#${fieldIds[field]}`} onClick={focusField(fieldIds[field])}>
                    {message}
                  </a>
                ) : (
                  message
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

const focusField = (id: string) => (event: Event) => {
  // The hash belongs to the router: move focus, not the location.
  event.preventDefault();
  document.getElementById(id)?.focus();
};

function problemHeading(status: number | undefined): string {
  switch (status) {
    case 400:
      return 'Check these fields';
    case 401:
      return 'Not signed in';
    case 403:
      return 'Not allowed for your role';
    case 404:
      return 'Not found';
    case 409:
      return 'Conflict';
    case 422:
      return 'The registry refused this';
    case 429:
      return 'Too many requests';
    default:
      return 'Something went wrong';
  }
}

export function Submit({
  busy,
  children,
  busyText = 'Working…',
  secondary,
}: {
  busy: boolean;
  children: ComponentChildren;
  busyText?: string;
  secondary?: boolean;
}) {
  return (
    <button type="submit" class={`usa-button${secondary ? ' usa-button--outline' : ''}`} aria-disabled={busy} disabled={busy}>
      {busy ? busyText : children}
    </button>
  );
}

/** A form's submit handler: the page stays (no navigation), the async work runs, its errors are the form's to show. */
export const submitWith = (action: (event: Event) => Promise<void>) => (event: Event) => {
  event.preventDefault();
  void action(event);
};
