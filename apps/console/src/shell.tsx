import { useEffect, useRef, useState } from 'preact/hooks';
import { Link, Route, Router, Switch, useLocation } from 'wouter-preact';
import { useHashLocation } from 'wouter-preact/use-hash-location';
import { routesFor, ROUTES, type ScreenRoute } from './routes';
import { session, type Me } from './session';
import { roleLabel } from './words';
import { Alert } from './ui/bits';

/** Header, navigation by role, and the screen of the current address (hash routes: /console/#/hiring/check). */
export function Shell({ me, email, inert }: { me: Me; email: string; inert: boolean }) {
  const allowed = routesFor(me.roles);
  return (
    <Router hook={useHashLocation}>
      <div inert={inert || undefined} class="console-shell">
        <a class="usa-skipnav" href="#main-content" onClick={skipToMain}>
          Skip to main content
        </a>
        <Header me={me} email={email} allowed={allowed} />
        <main id="main-content" class="console-main" tabIndex={-1}>
          <Switch>
            {allowed.map((route) => (
              <Route key={route.path} path={route.pattern ?? route.path}>
                <Screen route={route} />
              </Route>
            ))}
            <Route>
              <Home me={me} allowed={allowed} />
            </Route>
          </Switch>
        </main>
      </div>
    </Router>
  );
}

const skipToMain = (event: Event) => {
  event.preventDefault();
  document.getElementById('main-content')?.focus();
};

/** A screen: the document's title follows it, and focus moves to its heading (a route change is a new page). */
function Screen({ route }: { route: ScreenRoute }) {
  const Component = route.component;
  useEffect(() => {
    document.title = `${route.title} – Staff console – POST Registry`;
    const heading = document.querySelector<HTMLElement>('#main-content h1');
    if (heading && document.activeElement === document.body) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [route]);
  return <Component />;
}

function Header({ me, email, allowed }: { me: Me; email: string; allowed: ScreenRoute[] }) {
  const [open, setOpen] = useState(false);
  const [location] = useLocation();
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [location]);
  const sections = [...new Set(allowed.map((route) => route.section))];
  return (
    <header class="console-header">
      <div class="console-header__inner">
        <Link href="/" class="console-header__title">
          POST Registry · Staff console
        </Link>
        <button ref={toggle} type="button" class="console-menu-button" aria-expanded={open} aria-controls="console-nav" onClick={() => setOpen(!open)}>
          Menu
        </button>
      </div>
      <nav id="console-nav" aria-label="Console" class={`console-nav${open ? ' is-open' : ''}`}>
        {sections.map((section) => (
          <div class="console-nav__section" key={section}>
            <span class="console-nav__heading" id={`nav-${section}`}>
              {section}
            </span>
            <ul aria-labelledby={`nav-${section}`}>
              {allowed
                .filter((route) => route.section === section)
                .map((route) => (
                  <li key={route.path}>
                    <Link href={route.path} aria-current={location === route.path ? 'page' : undefined} class={location === route.path ? 'is-current' : ''}>
                      {route.title}
                    </Link>
                  </li>
                ))}
            </ul>
          </div>
        ))}
        <div class="console-nav__account">
          <span class="console-nav__who">
            {email}
            <span class="console-nav__roles">{me.roles.map(roleLabel).join(', ')}</span>
          </span>
          <button type="button" class="usa-button usa-button--outline usa-button--inverse console-signout" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </nav>
    </header>
  );
}

function Home({ me, allowed }: { me: Me; allowed: ScreenRoute[] }) {
  useEffect(() => {
    document.title = 'Staff console – POST Registry';
  }, []);
  const hasCommissionScreens = ROUTES.some((route) => route.section === 'Commission');
  return (
    <>
      <h1 class="margin-top-0">Staff console</h1>
      <p class="usa-intro font-sans-md">Signed in as {me.roles.map(roleLabel).join(', ')}.</p>
      {allowed.length ? (
        <ul class="usa-card-group console-home">
          {allowed.map((route) => (
            <li class="usa-card tablet:grid-col-4" key={route.path}>
              <div class="usa-card__container">
                <div class="usa-card__body">
                  <Link href={route.path} class="usa-link">
                    {route.title}
                  </Link>
                  <p class="font-sans-2xs text-base">{route.section}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Alert type="info" heading="No screens for your role yet">
          {me.organizationType === 'commission' && !hasCommissionScreens
            ? "The commission's screens (work queue, cases, dashboard) are coming in the next release of the console. The API and its documentation at /docs do everything meanwhile."
            : 'Your role has no screens in this console yet.'}
        </Alert>
      )}
    </>
  );
}
