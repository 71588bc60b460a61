/**
 * Rate limits by name. @Throttle is evaluated when classes load, before configuration
 * exists, so limits are functions reading the values ApiModule.register() sets
 * (RATE_LIMIT_PER_MINUTE, LOGIN_RATE_LIMIT_PER_MINUTE, PUBLIC_RATE_LIMIT_PER_MINUTE).
 * Login is stricter (OWASP API4: brute force); the public portal has its own budget.
 */
export const THROTTLE_WINDOW_MS = 60_000;

const limits = { perMinute: 1200, loginPerMinute: 10, publicPerMinute: 120 };

export function configureRateLimits(values: typeof limits): void {
  Object.assign(limits, values);
}

export const defaultThrottle = () => limits.perMinute;
export const loginThrottle = { default: { limit: () => limits.loginPerMinute, ttl: THROTTLE_WINDOW_MS } };
export const publicThrottle = { default: { limit: () => limits.publicPerMinute, ttl: THROTTLE_WINDOW_MS } };
