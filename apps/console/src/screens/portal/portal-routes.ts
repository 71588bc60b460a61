import type { ScreenRoute } from '../../screen-route';

/** The officers' portal: their record, notices, answering a notice, disputes (issue 23 item 4). */
export const PORTAL_ROUTES: ScreenRoute[] = [];
