import type { ScreenRoute } from '../../screen-route';

/** The commission's screens for the work queue and case pages (issue 23). */
export const COMMISSION_WORKSPACE_ROUTES: ScreenRoute[] = [];
