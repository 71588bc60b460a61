import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { Alert } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatInstant } from '../../words';

interface Invited {
  postId: string;
  name: string;
  email: string;
  expiresAt: string;
  activationUrl?: string;
}

/**
 * Invites an officer the agency employs to the portal (POST /officers/:postId/account-invitations).
 * With mail, the registry sends the link; without it, the link comes back once: shown here once,
 * with a copy button, to hand to the officer. Leaving the screen forgets it.
 */
export function InviteOfficer({ officer, onClose }: { officer: { postId: string; name: string }; onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [invited, setInvited] = useState<Invited>();
  const [copied, setCopied] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const errors = fieldErrors(error);

  useEffect(() => heading.current?.focus(), [officer.postId]);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await ask(
        api.POST('/api/v1/officers/{postId}/account-invitations', { params: { path: { postId: officer.postId } }, body: { email: email.trim() } }),
      );
      setInvited({ ...officer, email: email.trim(), expiresAt: String(answer.expiresAt), activationUrl: answer.activationUrl });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied. Hand it to the officer only: whoever opens it sets the password.');
    } catch {
      setCopied('Copying was not allowed by the browser: select the link and copy it.');
    }
  };

  return (
    <section class="portal-part invite-officer" aria-labelledby="invite-heading" data-testid="invite-officer">
      <h2 id="invite-heading" ref={heading} tabIndex={-1}>
        Invite {officer.name} ({officer.postId}) to the portal
      </h2>
      {invited ? (
        <>
          <Alert type="success" heading="Invitation made">
            {invited.activationUrl
              ? `The registry sends no email, so here is the activation link for ${invited.email}. It is shown this once and works once, until ${formatInstant(invited.expiresAt)}.`
              : `The activation link was emailed to ${invited.email}. It works once, until ${formatInstant(invited.expiresAt)}.`}
          </Alert>
          {invited.activationUrl ? (
            <>
              <p class="invite-link" data-testid="activation-url">
                {invited.activationUrl}
              </p>
              <button type="button" class="usa-button" onClick={() => void copy(invited.activationUrl!)}>
                Copy the link
              </button>
              <p role="status" aria-live="polite">
                {copied}
              </p>
            </>
          ) : null}
          <button type="button" class="usa-button usa-button--outline" onClick={onClose}>
            Done
          </button>
        </>
      ) : (
        <form class="usa-form" onSubmit={submitWith(send)} noValidate>
          <p>The officer gets an account that sees their own record only: certification, training, reports, cases and notices.</p>
          <ProblemSummary error={error} fieldIds={{ email: 'invite-email' }} />
          <TextField
            id="invite-email"
            label="The officer's email address"
            hint="The invitation goes there; it is also the account's sign-in name."
            type="email"
            autoComplete="off"
            required
            value={email}
            onValue={setEmail}
            error={errors.email}
          />
          <Submit busy={busy} busyText="Inviting…">
            Send the invitation
          </Submit>
          <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={onClose}>
            Cancel
          </button>
        </form>
      )}
    </section>
  );
}
