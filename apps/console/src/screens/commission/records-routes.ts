import type { ScreenRoute } from '../../screen-route';

/** The commission's screens for an officer's timeline, the audit, disputes and possible duplicates (issue 23). */
export const COMMISSION_RECORDS_ROUTES: ScreenRoute[] = [];
