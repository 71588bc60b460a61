import type { ComponentChildren } from 'preact';
import { statusLabel, statusTone } from '../words';

export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`status-badge status-badge--${statusTone(status)}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

export function Alert({
  type,
  heading,
  children,
  slim,
}: {
  type: 'info' | 'success' | 'warning' | 'error';
  heading?: string;
  children?: ComponentChildren;
  slim?: boolean;
}) {
  return (
    <div class={`usa-alert usa-alert--${type}${slim ? ' usa-alert--slim' : ''} margin-y-2`} role={type === 'error' ? 'alert' : 'status'}>
      <div class="usa-alert__body">
        {heading ? <h2 class="usa-alert__heading font-sans-sm">{heading}</h2> : null}
        {children ? <div class="usa-alert__text">{children}</div> : null}
      </div>
    </div>
  );
}

/** A loading state that a screen reader announces once. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="loading__spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

export function Page({ title, intro, children }: { title: string; intro?: ComponentChildren; children: ComponentChildren }) {
  return (
    <>
      <h1 class="margin-top-0">{title}</h1>
      {intro ? <p class="usa-intro font-sans-md">{intro}</p> : null}
      {children}
    </>
  );
}
