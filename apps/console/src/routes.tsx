import type { FunctionComponent } from 'preact';
import type { Role } from './session';
import { HiringCheckScreen } from './screens/hiring/check';
import { PastChecksScreen } from './screens/hiring/past-checks';

/**
 * Every screen of the console, with the roles that see it (DOMAIN.md "Who works where").
 * Navigation and access both read this list: a new screen (the commission's workspace, the
 * officers' portal) is one more entry with its section and roles. The API still decides:
 * a screen shown to the wrong role would only get the registry's 403.
 */
export interface ScreenRoute {
  path: string;
  /** The route's pattern when it takes more than the link's path (a record's id). */
  pattern?: string;
  /** The link's words in the navigation, and the page title. */
  title: string;
  section: 'Hiring' | 'Academy' | 'Agency' | 'Commission' | 'My record';
  roles: readonly Role[];
  component: FunctionComponent;
}

const HIRING: Role[] = ['agency_admin', 'agency_hiring'];

export const ROUTES: ScreenRoute[] = [
  { path: '/hiring/check', title: 'Hiring check', section: 'Hiring', roles: HIRING, component: HiringCheckScreen },
  { path: '/hiring/checks', pattern: '/hiring/checks/:id?', title: 'Past checks', section: 'Hiring', roles: HIRING, component: PastChecksScreen },
];

export const routesFor = (roles: readonly string[]): ScreenRoute[] => ROUTES.filter((route) => route.roles.some((role) => roles.includes(role)));
