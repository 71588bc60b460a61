import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../client';

export type Me = components['schemas']['MeResponse'];
export type Role =
  'commission_admin' | 'commission_investigator' | 'commission_adjudicator' | 'agency_admin' | 'agency_hiring' | 'academy_registrar' | 'officer';

export interface SessionState {
  /** Bearer token of POST /auth/login (or /auth/login/mfa). */
  token?: string;
  /** Epoch ms: the token's end, from `expiresIn`. */
  expiresAt?: number;
  /** GET /me, once the token is a full one. */
  me?: Me;
  /** The user's email, to greet them and to sign the same person in again after expiry. */
  email?: string;
  /** The token ended (expired or refused) while screens were open: sign in again over them. */
  expired?: boolean;
  /** A limited token: its only rights are GET /me and enrolment (API.md, second factor). */
  enrolmentOnly?: boolean;
  /** A word for the sign-in page after signing out (the second factor just set up). */
  notice?: string;
}

/**
 * The token lives in sessionStorage: it survives a reload and dies with the tab, and no other
 * tab or site reads it. What a user types in a form is never stored: when the token ends, the
 * sign-in is shown over the open screen, so the form keeps its values in memory.
 */
const STORAGE_KEY = 'post-registry.console.session';
let state: SessionState = load();
const listeners = new Set<(next: SessionState) => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function load(): SessionState {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as SessionState;
    if (stored.token && stored.expiresAt && stored.expiresAt <= Date.now()) return { email: stored.email, expired: false };
    return stored;
  } catch {
    return {};
  }
}

function set(next: SessionState): void {
  state = next;
  const { me: _me, ...kept } = next;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
  scheduleExpiry();
  for (const listener of listeners) listener(state);
}

function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  if (!state.token || !state.expiresAt) return;
  // Ten seconds early: a form submitted in the token's last seconds would otherwise fail mid-way.
  const delay = Math.max(0, state.expiresAt - Date.now() - 10_000);
  expiryTimer = setTimeout(() => session.expire(), Math.min(delay, 2_147_000_000));
}
scheduleExpiry();

export const session = {
  get: (): SessionState => state,
  token: (): string | undefined => state.token,
  signedIn(token: string, expiresIn: number, email: string, enrolmentOnly = false): void {
    // The same person back after expiry keeps the open screens (and what they typed); anyone else starts afresh.
    const same = !enrolmentOnly && state.email?.toLowerCase() === email.toLowerCase();
    set({ token, expiresAt: Date.now() + expiresIn * 1000, email, enrolmentOnly, me: same ? state.me : undefined, expired: false });
  },
  described(me: Me): void {
    set({ ...state, me });
  },
  /** The token ended: keep who was signed in (to tell whether the same person comes back), drop the token. */
  expire(): void {
    if (!state.token) return;
    set({ email: state.email, me: state.me, expired: true });
  },
  signOut(notice?: string): void {
    set(notice ? { notice } : {});
  },
  subscribe(listener: (next: SessionState) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): SessionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => session.subscribe(setCurrent), []);
  return current;
}

export const hasRole = (me: Me | undefined, roles: readonly Role[]): boolean => !!me && me.roles.some((role) => (roles as readonly string[]).includes(role));
