import type { Role } from '../../session';
import type { ScreenRoute } from '../../screen-route';
import { CasesScreen, OpenCaseScreen } from './cases';
import { WorkQueueScreen } from './work-queue';

const COMMISSION: Role[] = ['commission_admin', 'commission_investigator', 'commission_adjudicator'];

/** The commission's screens for the work queue and case pages (issue 23). */
export const COMMISSION_WORKSPACE_ROUTES: ScreenRoute[] = [
  { path: '/commission/work-queue', title: 'Work queue', section: 'Commission', roles: COMMISSION, component: WorkQueueScreen },
  // Before the case pattern: "new" is not a case id.
  { path: '/commission/cases/new', title: 'Open a case', section: 'Commission', roles: ['commission_investigator'], component: OpenCaseScreen },
  { path: '/commission/cases', pattern: '/commission/cases/:id?', title: 'Cases', section: 'Commission', roles: COMMISSION, component: CasesScreen },
];
