import type { FunctionComponent } from 'preact';
import type { Role } from './session';

/** One screen of the console: its link, its section in the navigation and the roles that see it. */
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
