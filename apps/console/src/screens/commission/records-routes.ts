import type { Role } from '../../session';
import type { ScreenRoute } from '../../screen-route';
import { AuditScreen } from './audit';
import { DisputesScreen } from './disputes';
import { DuplicatesScreen } from './duplicates';
import { OfficerTimelineScreen } from './officer-timeline';

const COMMISSION: Role[] = ['commission_admin', 'commission_investigator', 'commission_adjudicator'];
const COMMISSION_ADMIN: Role[] = ['commission_admin'];

/** The commission's screens for an officer's timeline, the audit, disputes and possible duplicates (issue 23). */
export const COMMISSION_RECORDS_ROUTES: ScreenRoute[] = [
  {
    path: '/commission/officers',
    pattern: '/commission/officers/:postId?',
    title: 'Officers',
    section: 'Commission',
    roles: COMMISSION,
    component: OfficerTimelineScreen,
  },
  { path: '/commission/disputes', title: 'Disputes', section: 'Commission', roles: COMMISSION, component: DisputesScreen },
  { path: '/commission/duplicates', title: 'Possible duplicates', section: 'Commission', roles: COMMISSION, component: DuplicatesScreen },
  { path: '/commission/audit', pattern: '/commission/audit/:postId?', title: 'Audit', section: 'Commission', roles: COMMISSION_ADMIN, component: AuditScreen },
];
