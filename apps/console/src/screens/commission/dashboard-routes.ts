import type { ScreenRoute } from '../../screen-route';
import { DashboardScreen } from './dashboard';
import { ImportsScreen } from './imports';

/** The commission's screens for the dashboard and imports (issue 23). */
export const COMMISSION_DASHBOARD_ROUTES: ScreenRoute[] = [
  {
    path: '/commission/dashboard',
    title: 'Dashboard',
    section: 'Commission',
    roles: ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
    component: DashboardScreen,
  },
  // Only the commission's administrators may import (API.md "Imports").
  {
    path: '/commission/imports',
    pattern: '/commission/imports/:id?',
    title: 'Imports',
    section: 'Commission',
    roles: ['commission_admin'],
    component: ImportsScreen,
  },
];
