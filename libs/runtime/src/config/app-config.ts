import type { Role } from '@app/core';
import type { DatabaseSettings } from '@app/database';
import type { DueProcessSettings } from '@app/discipline';
import type { WebhookSettings } from '@app/notifications';
import type { MailSettings } from '@app/mail';
import type { JobsSettings } from '@app/jobs';
import { EnvironmentVariables } from './environment';
import { parseTrustedProxies, TrustedProxies } from './trusted-proxies';

/**
 * The validated configuration as the modules read it through ConfigService
 * (`config.get('certification.termYears')`). Built once, at start-up.
 */
export interface AppConfig {
  port: number;
  dataDir: string;
  database: DatabaseSettings;
  jwt: { secret: string; ttlMinutes: number };
  /** What stored secrets are sealed under (SECRETS_KEY, else the signing secret): apart from JWT_SECRET, so that one can rotate. */
  secretsKey: string;
  loginLockMinutes: number;
  /** The second factor: whose users must enrol one (MFA_REQUIRED_ROLES), and the issuer authenticator apps show. */
  mfa: { requiredRoles: Role[]; issuer: string };
  bootstrapAdmin: { email: string; password?: string };
  commissionName: string;
  jurisdiction: string;
  /** IANA zone of the registry's calendar dates. */
  timeZone: string;
  certification: { termYears: number; expiryAlignment: 'birth_month' | 'none'; inServiceHoursPerYear: number; minAge: number };
  dueProcess: DueProcessSettings;
  rateLimit: { perMinute: number; loginPerMinute: number; publicPerMinute: number };
  /** Peers whose X-Forwarded-For names the client (the rate limits' and logs' address). */
  trustProxy: TrustedProxies;
  logLevel: string;
  mail: MailSettings;
  /** The service's public address without a trailing slash: links in mail and in answers start with it. */
  publicBaseUrl: string;
  /** Durable jobs (pg-boss): where handlers run, and how often queues and schedules are polled. */
  jobs: JobsSettings;
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS (API.md "Monitoring"). */
  webhooks: WebhookSettings;
}

/** The connections' settings: `ownerUrl` only when migrations log in apart from the requests (MIGRATION_DATABASE_URL). */
export function buildDatabaseSettings(env: EnvironmentVariables, urls: { databaseUrl: string; ownerUrl?: string }): DatabaseSettings {
  return {
    url: urls.databaseUrl,
    ownerUrl: urls.ownerUrl && urls.ownerUrl !== urls.databaseUrl ? urls.ownerUrl : undefined,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectTimeoutMs: Math.min(env.DB_STATEMENT_TIMEOUT_MS, 5000),
    poolSize: env.DB_POOL_SIZE,
  };
}

export function buildAppConfig(env: EnvironmentVariables, resolved: { databaseUrl: string; ownerUrl?: string; jwtSecret: string }): AppConfig {
  return {
    port: env.PORT,
    dataDir: env.DATA_DIR,
    database: buildDatabaseSettings(env, resolved),
    jwt: { secret: resolved.jwtSecret, ttlMinutes: env.JWT_TTL_MINUTES },
    secretsKey: env.SECRETS_KEY ?? resolved.jwtSecret,
    loginLockMinutes: env.LOGIN_LOCK_MINUTES,
    // Already validated (environment.ts): role names, or '' for none.
    mfa: { requiredRoles: env.MFA_REQUIRED_ROLES === '' ? [] : (env.MFA_REQUIRED_ROLES.split(',') as Role[]), issuer: env.MFA_TOTP_ISSUER },
    bootstrapAdmin: { email: env.POST_BOOTSTRAP_ADMIN_EMAIL.toLowerCase(), password: env.POST_BOOTSTRAP_ADMIN_PASSWORD },
    commissionName: env.POST_COMMISSION_NAME,
    jurisdiction: env.POST_JURISDICTION,
    timeZone: env.POST_TIME_ZONE,
    certification: {
      termYears: env.CERTIFICATION_TERM_YEARS,
      expiryAlignment: env.CERTIFICATION_EXPIRY_ALIGNMENT,
      inServiceHoursPerYear: env.IN_SERVICE_HOURS_PER_YEAR,
      minAge: env.MIN_AGE,
    },
    dueProcess: {
      noticeMinDays: env.NOTICE_MIN_DAYS,
      appealWindowDays: env.APPEAL_WINDOW_DAYS,
      interimHearingRequestDays: env.INTERIM_HEARING_REQUEST_DAYS,
      interimHearingMaxDays: env.INTERIM_HEARING_MAX_DAYS,
      reportDeadlineBusinessDays: env.REPORT_DEADLINE_BUSINESS_DAYS,
      holidays: env.BUSINESS_HOLIDAYS ? env.BUSINESS_HOLIDAYS.split(',') : [],
    },
    rateLimit: {
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      loginPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
      publicPerMinute: env.PUBLIC_RATE_LIMIT_PER_MINUTE,
    },
    // Already validated (environment.ts); unset reads as '', trusting nobody.
    trustProxy: parseTrustedProxies(env.TRUST_PROXY ?? '') ?? false,
    logLevel: env.LOG_LEVEL,
    webhooks: { allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true' },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, timeoutMs: 10_000 },
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    jobs: { worker: env.JOBS_WORKER, pollIntervalMs: env.JOBS_POLL_INTERVAL_MS, cronIntervalSeconds: env.JOBS_CRON_INTERVAL_SECONDS },
  };
}
