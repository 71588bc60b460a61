import { useRef, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { Alert } from '../../ui/bits';
import { ProblemSummary, Submit, TextArea, submitWith } from '../../ui/form';
import { formatInstant } from '../../words';
import type { Dispute, DisputeSubjectType } from './own-record';

/**
 * "Dispute this" beside a part of the officer's record: a statement in their words, sent as
 * POST /me/disputes. The record is not changed; it is marked disputed until the commission
 * resolves the dispute. An open dispute about the same part shows instead of the button.
 */
export function DisputeThis({
  type,
  id,
  what,
  open,
  onOpened,
}: {
  type: DisputeSubjectType;
  id?: string;
  /** The part in words, for the form's label and the button's accessible name. */
  what: string;
  open?: Dispute;
  onOpened: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [statement, setStatement] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [opened, setOpened] = useState<Dispute>();
  const button = useRef<HTMLButtonElement>(null);
  const prefix = `dispute-${type}${id ? `-${id}` : ''}`;
  const errors = fieldErrors(error);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const dispute = await ask(api.POST('/api/v1/me/disputes', { body: { subject: id ? { type, id } : { type }, statement } }));
      setOpened(dispute);
      setEditing(false);
      setStatement('');
      onOpened();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const shown = opened ?? open;
  if (shown && !editing)
    return (
      <div class="portal-dispute" data-testid={`${prefix}-open`}>
        {opened ? (
          <Alert type="success" slim heading="Dispute opened">
            The commission will review it; the record stays as it is, marked disputed, until then.{' '}
            <Link href="/portal/disputes" class="usa-link">
              Follow it in My disputes
            </Link>
            .
          </Alert>
        ) : (
          <p class="portal-dispute__status">
            <span class="usa-tag portal-tag--disputed">Disputed</span> You disputed this on {formatInstant(shown.openedAt)}; the commission has not resolved it
            yet.
          </p>
        )}
      </div>
    );

  if (!editing)
    return (
      <button
        ref={button}
        type="button"
        class="usa-button usa-button--outline usa-button--small portal-dispute__button"
        aria-label={`Dispute this: ${what}`}
        onClick={() => setEditing(true)}
      >
        Dispute this
      </button>
    );

  return (
    <form class="usa-form usa-form--large portal-dispute" onSubmit={submitWith(send)} noValidate aria-label={`Dispute ${what}`}>
      <ProblemSummary error={error} fieldIds={{ statement: `${prefix}-statement` }} />
      <TextArea
        id={`${prefix}-statement`}
        label={`What is wrong with ${what}?`}
        hint="In your own words (up to 4,000 characters). The commission reads it; the record is not changed until it decides."
        required
        maxLength={4000}
        value={statement}
        onValue={setStatement}
        error={errors.statement}
      />
      <Submit busy={busy} busyText="Sending…">
        Send the dispute
      </Submit>
      <button
        type="button"
        class="usa-button usa-button--unstyled margin-left-2"
        onClick={() => {
          setEditing(false);
          setError(undefined);
          setTimeout(() => button.current?.focus());
        }}
      >
        Cancel
      </button>
    </form>
  );
}
