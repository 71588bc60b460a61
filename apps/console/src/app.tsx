import { useEffect, useState } from 'preact/hooks';
import { api, ask } from './api';
import { session, useSession } from './session';
import { Shell } from './shell';
import { SignIn } from './screens/sign-in';
import { Enrol } from './screens/enrol';
import { AccountLinkScreen, accountLinkPurpose } from './screens/portal/account-link';
import { Loading } from './ui/bits';
import { ProblemSummary } from './ui/form';

/**
 * Who is at the keyboard decides what shows: nobody → sign-in; a limited token → enrolment of the
 * second factor; a full token → the shell with the screens of the user's roles (GET /me). When the
 * token ends with screens open, the sign-in opens over them and they stay as they were.
 */
export function App() {
  const current = useSession();
  const [meError, setMeError] = useState<unknown>();
  // A one-use link (an invitation to the portal, a password reset) opens its own page first.
  const [linkPurpose, setLinkPurpose] = useState(accountLinkPurpose);

  useEffect(() => {
    if (!current.token || current.enrolmentOnly) return;
    let live = true;
    ask(api.GET('/api/v1/me'))
      .then((me) => live && session.described(me))
      .catch((error: unknown) => live && setMeError(error));
    return () => {
      live = false;
    };
  }, [current.token, current.enrolmentOnly]);

  if (linkPurpose)
    return (
      <Frame>
        <AccountLinkScreen purpose={linkPurpose} onDone={() => setLinkPurpose(undefined)} />
      </Frame>
    );
  if (current.token && current.enrolmentOnly)
    return (
      <Frame>
        <Enrol />
      </Frame>
    );
  if (current.me && (current.token || current.expired))
    return (
      <>
        <Shell key={current.me.id} me={current.me} email={current.email ?? ''} inert={!current.token} />
        {current.token ? null : <ExpiredDialog email={current.email ?? ''} />}
      </>
    );
  if (current.token) return <Frame>{meError ? <ProblemSummary error={meError} /> : <Loading what="your account" />}</Frame>;
  return (
    <Frame>
      <SignIn notice={current.notice} />
    </Frame>
  );
}

/** The page around sign-in and enrolment: the registry's name, nothing to navigate yet. */
function Frame({ children }: { children: preact.ComponentChildren }) {
  return (
    <>
      <a class="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <header class="console-header">
        <div class="console-header__inner">
          <span class="console-header__title">POST Registry · Staff console</span>
        </div>
      </header>
      <main id="main-content" class="console-main console-main--narrow" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** The token ended: sign in again on top of the open screen, whose form keeps what was typed. */
function ExpiredDialog({ email }: { email: string }) {
  return (
    <div class="console-dialog-backdrop">
      <div class="console-dialog" role="dialog" aria-modal="true" aria-labelledby="expired-heading">
        <SignIn expiredEmail={email} />
      </div>
    </div>
  );
}
