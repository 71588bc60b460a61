import type { ScreenRoute } from '../../screen-route';

/** The commission's screens for the dashboard and imports (issue 23). */
export const COMMISSION_DASHBOARD_ROUTES: ScreenRoute[] = [];
