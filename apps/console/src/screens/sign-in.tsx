import { useState } from 'preact/hooks';
import { api, ask } from '../api';
import { fieldErrors } from '../problem';
import { session } from '../session';
import { Alert } from '../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../ui/form';

type Step = { kind: 'password' } | { kind: 'code'; challengeToken: string };

/**
 * Sign-in in one or two steps (API.md "Accounts"): the password, then, for a user with a second
 * factor, a code of the authenticator app or a recovery code. `expiredEmail`: the token ended
 * while screens were open; the same person signs in again to carry on.
 */
export function SignIn({ expiredEmail, notice }: { expiredEmail?: string; notice?: string }) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState(expiredEmail ?? session.get().email ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);

  const signInWithPassword = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await ask(api.POST('/api/v1/auth/login', { body: { email, password } }));
      setPassword('');
      if ('mfaRequired' in answer && answer.mfaRequired) {
        setStep({ kind: 'code', challengeToken: answer.challengeToken });
      } else if ('accessToken' in answer) {
        session.signedIn(answer.accessToken, answer.expiresIn, email, answer.mfaEnrolmentRequired === true);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const signInWithCode = async (event: Event) => {
    event.preventDefault();
    if (step.kind !== 'code') return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await ask(api.POST('/api/v1/auth/login/mfa', { body: { challengeToken: step.challengeToken, code: code.trim() } }));
      session.signedIn(answer.accessToken, answer.expiresIn, email);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep({ kind: 'password' });
    setCode('');
    setError(undefined);
  };

  return (
    <div class="console-sign-in">
      {expiredEmail ? (
        <>
          <h1 class="margin-top-0" id="expired-heading">
            Your session ended
          </h1>
          <p>Sign in again to carry on. The screen behind this box keeps what you typed; send it again once you are back.</p>
        </>
      ) : (
        <h1 class="margin-top-0">Sign in</h1>
      )}
      {notice ? <Alert type="success">{notice}</Alert> : null}
      <ProblemSummary error={error} fieldIds={{ email: 'email', password: 'password', code: 'code' }} />
      {step.kind === 'password' ? (
        <form class="usa-form" onSubmit={submitWith(signInWithPassword)} noValidate>
          <TextField id="email" label="Email" type="email" autoComplete="username" required value={email} onValue={setEmail} error={errors.email} />
          <TextField
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            autoFocus={!!expiredEmail}
            required
            value={password}
            onValue={setPassword}
            error={errors.password}
          />
          <Submit busy={busy} busyText="Signing in…">
            Sign in
          </Submit>
        </form>
      ) : (
        <form class="usa-form" onSubmit={submitWith(signInWithCode)} noValidate>
          <p>Enter the six-digit code your authenticator app shows for the POST Registry, or one of your recovery codes.</p>
          <TextField
            id="code"
            label="Code"
            hint="Six digits, or a recovery code like abcde-fghij"
            autoComplete="one-time-code"
            required
            value={code}
            onValue={setCode}
            error={errors.code}
            maxLength={11}
            spellcheck={false}
            autoFocus
          />
          <Submit busy={busy} busyText="Checking…">
            Continue
          </Submit>
          <button type="button" class="usa-button usa-button--unstyled margin-top-2" onClick={restart}>
            Start again with the password
          </button>
        </form>
      )}
    </div>
  );
}
