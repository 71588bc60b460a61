import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { api, ask, download } from '../api';
import { fieldErrors } from '../problem';
import { session } from '../session';
import { Alert, Loading } from '../ui/bits';
import { Checkbox, ProblemSummary, Submit, TextField, submitWith } from '../ui/form';

interface Started {
  secret: string;
  otpauthUri: string;
  qr: string;
}

/**
 * First sign-in of a user whose role needs a second factor (MFA_REQUIRED_ROLES): the limited token
 * may only enrol. Scan the code, confirm with a first code, keep the ten recovery codes (shown this
 * once), then sign in again in two steps.
 */
export function Enrol() {
  const [started, setStarted] = useState<Started>();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    ask(api.POST('/api/v1/me/mfa/totp'))
      .then(async ({ secret, otpauthUri }) => {
        // A data: URL: the page's Content-Security-Policy allows images from 'self' and data: only.
        const qr = await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
        if (live) setStarted({ secret, otpauthUri, qr });
      })
      .catch((failure: unknown) => live && setError(failure));
    return () => {
      live = false;
    };
  }, []);

  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await ask(api.POST('/api/v1/me/mfa/totp/confirm', { body: { code: code.trim() } }));
      setRecoveryCodes(answer.recoveryCodes);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (recoveryCodes)
    return (
      <>
        <h1 class="margin-top-0">Keep your recovery codes</h1>
        <Alert type="warning" heading="Shown this once only">
          Each code signs you in once if you lose your phone. Print them or keep them in a password manager; the registry keeps only a fingerprint of each.
        </Alert>
        <ol class="recovery-codes" aria-label="Recovery codes">
          {recoveryCodes.map((recoveryCode) => (
            <li key={recoveryCode}>
              <code>{recoveryCode}</code>
            </li>
          ))}
        </ol>
        <button
          type="button"
          class="usa-button usa-button--outline"
          onClick={() => download('post-registry-recovery-codes.txt', recoveryCodes.join('\n') + '\n', 'text/plain')}
        >
          Download the codes
        </button>
        <Checkbox id="codes-saved" label="I have kept these codes somewhere safe" checked={saved} onChecked={setSaved} />
        <button
          type="button"
          class="usa-button margin-top-2"
          disabled={!saved}
          aria-disabled={!saved}
          onClick={() =>
            session.signOut('Your authenticator app is set up. Sign in again: this time the registry asks for a code from the app (wait for the next one).')
          }
        >
          Continue to sign in
        </button>
      </>
    );

  const errors = fieldErrors(error);
  return (
    <>
      <h1 class="margin-top-0">Set up your second factor</h1>
      <p>Your role needs a code from an authenticator app at each sign-in. Set it up once:</p>
      <ProblemSummary error={error} fieldIds={{ code: 'code' }} />
      {started ? (
        <>
          <ol class="usa-process-list">
            <li class="usa-process-list__item">
              <h2 class="usa-process-list__heading font-sans-md">Scan this code with the app</h2>
              <img class="totp-qr" src={started.qr} width={220} height={220} alt="QR code that sets up the POST Registry in an authenticator app" />
              <p>
                Or type this key into the app: <code class="totp-secret">{started.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              </p>
            </li>
            <li class="usa-process-list__item">
              <h2 class="usa-process-list__heading font-sans-md">Enter the code the app shows</h2>
              <form class="usa-form" onSubmit={submitWith(confirm)} noValidate>
                <TextField
                  id="code"
                  label="Six-digit code"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  required
                  value={code}
                  onValue={setCode}
                  error={errors.code}
                  maxLength={6}
                />
                <Submit busy={busy} busyText="Checking…">
                  Confirm
                </Submit>
              </form>
            </li>
          </ol>
          <button type="button" class="usa-button usa-button--unstyled" onClick={() => session.signOut()}>
            Cancel and sign out
          </button>
        </>
      ) : error ? (
        <button type="button" class="usa-button" onClick={() => session.signOut()}>
          Back to sign-in
        </button>
      ) : (
        <Loading what="your new key" />
      )}
    </>
  );
}
