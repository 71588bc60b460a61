import { useEffect, useState } from 'preact/hooks';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { session } from '../../session';
import { Alert } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';

/** What a one-use link is for: the first password of an invited account, or a forgotten one. */
export type AccountLinkPurpose = 'activate' | 'reset-password';

/**
 * The page a one-use link opens (`/console/activate#token=…`, `/console/reset-password#token=…`,
 * libs/auth account-token.ts), or none. The token rides in the fragment, which no server sees.
 */
export function accountLinkPurpose(pathname = location.pathname): AccountLinkPurpose | undefined {
  const last = pathname.replace(/\/+$/, '').split('/').pop();
  return last === 'activate' || last === 'reset-password' ? last : undefined;
}

/** The `token=` of the fragment (`#token=…`), decoded. */
export function tokenOfFragment(hash = location.hash): string {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token?.trim() ?? '';
}

const PASSWORD_MIN_LENGTH = 12;

/**
 * Sets the password of an invited account (POST /auth/activate) or a forgotten one
 * (POST /auth/password-reset), with the token of the link. The token is read once and taken off
 * the address bar (so the tab's history and a screenshot do not keep it); the page then leads to
 * the sign-in. An unknown, expired or used link is refused by the registry in words.
 */
export function AccountLinkScreen({ purpose, onDone }: { purpose: AccountLinkPurpose; onDone: () => void }) {
  const [token] = useState(() => tokenOfFragment());
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [mismatch, setMismatch] = useState('');
  const errors = fieldErrors(error);
  const activation = purpose === 'activate';
  const title = activation ? 'Activate your account' : 'Choose a new password';

  useEffect(() => {
    document.title = `${title} – POST Registry`;
    if (location.hash) history.replaceState(null, '', location.pathname);
  }, [title]);

  const send = async () => {
    setError(undefined);
    setMismatch('');
    if (password !== repeat) {
      setMismatch('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    try {
      if (activation) await ask(api.POST('/api/v1/auth/activate', { body: { token, password } }));
      else await ask(api.POST('/api/v1/auth/password-reset', { body: { token, newPassword: password } }));
      setPassword('');
      setRepeat('');
      history.replaceState(null, '', `${import.meta.env.BASE_URL}`);
      session.signOut(
        activation ? 'Your account is active. Sign in with your email address and the password you chose.' : 'Your password is changed. Sign in with it.',
      );
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (!token)
    return (
      <>
        <h1 class="margin-top-0">{title}</h1>
        <Alert type="error" heading="This link is incomplete">
          The link has no token. Open the whole link from the message you were given, or ask for a new one.
        </Alert>
        <p>
          <a class="usa-link" href={import.meta.env.BASE_URL}>
            Go to the sign-in
          </a>
        </p>
      </>
    );

  return (
    <div class="console-sign-in">
      <h1 class="margin-top-0">{title}</h1>
      <p>
        {activation
          ? 'You were invited to see your own record in the POST Registry. Choose a password to activate your account; you sign in with the email address the invitation was sent to.'
          : 'Choose a new password for your account. Every session signed in before stops working.'}
      </p>
      <ProblemSummary
        error={error}
        heading={(error as { status?: number } | undefined)?.status === 400 && !Object.keys(errors).length ? 'This link does not work' : undefined}
        fieldIds={{ password: 'new-password', newPassword: 'new-password' }}
      />
      <form class="usa-form" onSubmit={submitWith(send)} noValidate>
        <TextField
          id="new-password"
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password.`}
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onValue={setPassword}
          error={errors.password ?? errors.newPassword}
        />
        <TextField
          id="repeat-password"
          label="The same password again"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onValue={setRepeat}
          error={mismatch || undefined}
        />
        <Submit busy={busy} busyText="Saving…">
          {activation ? 'Activate my account' : 'Change my password'}
        </Submit>
      </form>
    </div>
  );
}
