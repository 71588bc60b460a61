import { plainToInstance, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsTimeZone, Matches, Max, MaxLength, Min, MinLength, ValidateBy, validateSync } from 'class-validator';
import { ROLES } from '@app/core';
import { parseTrustedProxies, TRUSTED_PROXIES_MESSAGE } from './trusted-proxies';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : (typeof value === 'string' || typeof value === 'number') && /^-?\d+$/.test(String(value))
      ? Number(value)
      : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** smtp:// or smtps:// with a host (here, not in @app/mail: start-up reads this before it loads Nest or nodemailer). */
function isSmtpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Every variable of API.md "Start-up and configuration", with its default. An invalid
 * value stops start-up with one line naming the variable.
 */
export class EnvironmentVariables {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection string' })
  DATABASE_URL?: string;

  /**
   * The schema owner's URL: migrations run as it. Set, DATABASE_URL is the requests' own login
   * (a member of post_registry_app, without DDL rights); unset, DATABASE_URL is the owner and
   * each request connection switches to post_registry_app (DESIGN.md rule 12).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection string' })
  MIGRATION_DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * The secret the stored secrets are sealed under (TOTP secrets, webhook signing secrets) and
   * recovery codes keyed with; unset: the signing secret. Set it to the signing secret's current
   * value before rotating JWT_SECRET, and the stored secrets stay readable (docs/operations.md).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  SECRETS_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  JWT_TTL_MINUTES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_LOCK_MINUTES = 30;

  @IsEmail()
  POST_BOOTSTRAP_ADMIN_EMAIL = 'admin@commission.local';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(128)
  POST_BOOTSTRAP_ADMIN_PASSWORD?: string;

  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter upper-case state code' })
  POST_JURISDICTION = 'MA';

  /** The commission's calendar: "today" for expiry, deadlines and effective dates (Massachusetts: Eastern time). */
  @IsTimeZone({ message: 'must be an IANA time zone such as America/New_York' })
  POST_TIME_ZONE = 'America/New_York';

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  POST_COMMISSION_NAME = 'Peace Officer Standards and Training Commission';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 10000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  CERTIFICATION_TERM_YEARS = 3;

  @IsIn(['birth_month', 'none'])
  CERTIFICATION_EXPIRY_ALIGNMENT: 'birth_month' | 'none' = 'birth_month';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  IN_SERVICE_HOURS_PER_YEAR = 40;

  @Transform(toInt)
  @IsInt()
  @Min(16)
  @Max(100)
  MIN_AGE = 21;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  NOTICE_MIN_DAYS = 14;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  APPEAL_WINDOW_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  INTERIM_HEARING_REQUEST_DAYS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  INTERIM_HEARING_MAX_DAYS = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  REPORT_DEADLINE_BUSINESS_DAYS = 2;

  /** Comma-separated YYYY-MM-DD dates that are not business days (state holidays). */
  @IsOptional()
  @Matches(/^(\d{4}-\d{2}-\d{2})(,\d{4}-\d{2}-\d{2})*$/, { message: 'must be comma-separated YYYY-MM-DD dates' })
  BUSINESS_HOLIDAYS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 120;

  /** Unset: the socket's peer is the client. Behind a load balancer: its addresses or CIDR ranges (trusted-proxies.ts). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isTrustedProxies',
    validator: { validate: (value) => typeof value === 'string' && parseTrustedProxies(value) !== undefined, defaultMessage: () => TRUSTED_PROXIES_MESSAGE },
  })
  TRUST_PROXY?: string;

  /**
   * Roles whose users must enrol a second factor (TOTP) before anything else (API.md "Accounts");
   * comma-separated role names, empty for none (the empty value is kept, not replaced by the default).
   */
  @Matches(new RegExp(`^((${ROLES.join('|')})(,(${ROLES.join('|')}))*)?$`), {
    message: `must be comma-separated roles among ${ROLES.join(', ')}, or empty for none`,
  })
  MFA_REQUIRED_ROLES = 'commission_admin,commission_investigator,commission_adjudicator,agency_admin';

  /** The issuer an authenticator app shows beside the account (the otpauth:// URI's `issuer`). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  MFA_TOTP_ISSUER = 'POST Registry';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The mail transport (`smtp://user:pass@host:port`, or smtps://); unset: nothing is mailed and links are returned once. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @ValidateBy({
    name: 'isSmtpUrl',
    validator: { validate: isSmtpUrl, defaultMessage: () => 'must be an smtp:// or smtps:// URL with a host' },
  })
  SMTP_URL?: string;

  /** The sender of every message: an address, or `Name <address>`. */
  @Matches(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'must be an address or "Name <address>"' })
  @MaxLength(200)
  MAIL_FROM = 'POST Registry <no-reply@localhost>';

  /** The service's public address, used in the links it sends; unset: http://localhost:$PORT. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an http:// or https:// URL without query or fragment' })
  PUBLIC_BASE_URL?: string;
  /** `inline`: this process runs the durable jobs' handlers and schedules; `off`: it only sends (apps/worker runs them). */
  @IsIn(['inline', 'off'])
  JOBS_WORKER: 'inline' | 'off' = 'inline';

  /** How often an idle worker polls each queue. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(60_000)
  JOBS_POLL_INTERVAL_MS = 2000;

  /** How often the schedules (cron) are checked; pg-boss allows 1-45 s. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(45)
  JOBS_CRON_INTERVAL_SECONDS = 30;

  /** Webhook URLs on loopback or private addresses, and plain http to them: development and tests only. Link-local and metadata addresses stay refused. */
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' | 'false' = 'false';
}

export class ConfigurationError extends Error {}

/** Validates the environment; throws one line naming the first bad variable. */
export function validateEnvironment(env: Record<string, unknown>): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables()).concat(
    'DATABASE_URL',
    'MIGRATION_DATABASE_URL',
    'JWT_SECRET',
    'POST_BOOTSTRAP_ADMIN_PASSWORD',
    'BUSINESS_HOLIDAYS',
    'TRUST_PROXY',
    'SMTP_URL',
    'PUBLIC_BASE_URL',
  );
  const relevant = Object.fromEntries(Object.entries(env).filter(([key]) => known.includes(key)));
  const parsed = plainToInstance(EnvironmentVariables, relevant, { exposeDefaultValues: true });
  const [first] = validateSync(parsed, { whitelist: true, forbidUnknownValues: false });
  if (first) {
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = /SECRET|PASSWORD|DATABASE_URL|SMTP_URL/.test(first.property) ? '' : ` (got ${JSON.stringify(first.value)})`;
    throw new ConfigurationError(
      `Invalid configuration: ${first.property} ${message.startsWith(`${first.property} `) ? message.slice(first.property.length + 1) : message}${shown}`,
    );
  }
  if (parsed.MIGRATION_DATABASE_URL && !parsed.DATABASE_URL) {
    throw new ConfigurationError('Invalid configuration: MIGRATION_DATABASE_URL needs DATABASE_URL (the login the requests run as)');
  }
  return parsed;
}
