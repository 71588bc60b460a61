import type { ScreenRoute } from '../../screen-route';
import { MyCasesScreen } from './my-cases';
import { MyDisputesScreen } from './my-disputes';
import { MyNoticesScreen } from './my-notices';
import { MyRecordScreen } from './my-record';

const OFFICER = ['officer'] as const;

/** The officers' portal: their record, notices, answering a notice, disputes (issue 23 item 4). */
export const PORTAL_ROUTES: ScreenRoute[] = [
  { path: '/portal/record', title: 'My record', section: 'My record', roles: OFFICER, component: MyRecordScreen },
  { path: '/portal/cases', title: 'My cases', section: 'My record', roles: OFFICER, component: MyCasesScreen },
  { path: '/portal/notices', title: 'My notices', section: 'My record', roles: OFFICER, component: MyNoticesScreen },
  { path: '/portal/disputes', title: 'My disputes', section: 'My record', roles: OFFICER, component: MyDisputesScreen },
];
