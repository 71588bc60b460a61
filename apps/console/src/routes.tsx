import type { Role } from './session';
import type { ScreenRoute } from './screen-route';
import { HiringCheckScreen } from './screens/hiring/check';
import { PastChecksScreen } from './screens/hiring/past-checks';
import { EnrolRecruitScreen } from './screens/academy/enrol-recruit';
import { UploadCompletionsScreen } from './screens/academy/upload';
import { CompletionsScreen } from './screens/academy/completions';
import { RosterScreen } from './screens/agency/roster';
import { MisconductReportScreen } from './screens/agency/report';
import { SeparationScreen } from './screens/agency/separation';
import { WebhooksScreen } from './screens/agency/webhooks';
import { UsersScreen } from './screens/agency/users';
import { COMMISSION_WORKSPACE_ROUTES } from './screens/commission/workspace-routes';
import { COMMISSION_RECORDS_ROUTES } from './screens/commission/records-routes';
import { COMMISSION_DASHBOARD_ROUTES } from './screens/commission/dashboard-routes';
import { PORTAL_ROUTES } from './screens/portal/portal-routes';

const HIRING: Role[] = ['agency_admin', 'agency_hiring'];
const AGENCY_ADMIN: Role[] = ['agency_admin'];
const REGISTRAR: Role[] = ['academy_registrar'];

/**
 * Every screen of the console, with the roles that see it (DOMAIN.md "Who works where").
 * Navigation and access both read this list: a new screen (the commission's workspace, the
 * officers' portal) is one more entry with its section and roles. The API still decides:
 * a screen shown to the wrong role would only get the registry's 403.
 */
export const ROUTES: ScreenRoute[] = [
  { path: '/hiring/check', title: 'Hiring check', section: 'Hiring', roles: HIRING, component: HiringCheckScreen },
  { path: '/hiring/checks', pattern: '/hiring/checks/:id?', title: 'Past checks', section: 'Hiring', roles: HIRING, component: PastChecksScreen },
  { path: '/agency/roster', title: 'Roster', section: 'Agency', roles: AGENCY_ADMIN, component: RosterScreen },
  { path: '/agency/reports', title: 'Misconduct report', section: 'Agency', roles: AGENCY_ADMIN, component: MisconductReportScreen },
  { path: '/agency/separations', title: 'Separation', section: 'Agency', roles: AGENCY_ADMIN, component: SeparationScreen },
  { path: '/agency/webhooks', title: 'Webhooks', section: 'Agency', roles: AGENCY_ADMIN, component: WebhooksScreen },
  { path: '/agency/users', title: 'Users and API keys', section: 'Agency', roles: AGENCY_ADMIN, component: UsersScreen },
  { path: '/academy/enrol', title: 'Enrol a recruit', section: 'Academy', roles: REGISTRAR, component: EnrolRecruitScreen },
  { path: '/academy/upload', title: 'Upload completions', section: 'Academy', roles: REGISTRAR, component: UploadCompletionsScreen },
  { path: '/academy/completions', title: 'Completions', section: 'Academy', roles: REGISTRAR, component: CompletionsScreen },
  // Each group of screens keeps its own list, so work on one group never edits another's lines.
  ...COMMISSION_WORKSPACE_ROUTES,
  ...COMMISSION_RECORDS_ROUTES,
  ...COMMISSION_DASHBOARD_ROUTES,
  ...PORTAL_ROUTES,
];

export type { ScreenRoute };

export const routesFor = (roles: readonly string[]): ScreenRoute[] => ROUTES.filter((route) => route.roles.some((role) => roles.includes(role)));
