import { buildAppConfig } from './app-config';
import { ConfigurationError, validateEnvironment } from './environment';

describe('environment schema', () => {
  it('applies every default from API.md', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './.data',
      JWT_TTL_MINUTES: 30,
      LOGIN_LOCK_MINUTES: 30,
      POST_BOOTSTRAP_ADMIN_EMAIL: 'admin@commission.local',
      POST_JURISDICTION: 'MA',
      DB_STATEMENT_TIMEOUT_MS: 5000,
      CERTIFICATION_TERM_YEARS: 3,
      CERTIFICATION_EXPIRY_ALIGNMENT: 'birth_month',
      IN_SERVICE_HOURS_PER_YEAR: 40,
      MIN_AGE: 21,
      NOTICE_MIN_DAYS: 14,
      APPEAL_WINDOW_DAYS: 30,
      INTERIM_HEARING_REQUEST_DAYS: 5,
      INTERIM_HEARING_MAX_DAYS: 15,
      REPORT_DEADLINE_BUSINESS_DAYS: 2,
      POST_TIME_ZONE: 'America/New_York',
      MFA_REQUIRED_ROLES: 'commission_admin,commission_investigator,commission_adjudicator,agency_admin',
      MFA_TOTP_ISSUER: 'POST Registry',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and keeps given values', () => {
    expect(validateEnvironment({ PORT: '8080', POST_JURISDICTION: 'NY', DATABASE_URL: 'postgres://u@h:5432/db' })).toMatchObject({
      PORT: 8080,
      POST_JURISDICTION: 'NY',
      DATABASE_URL: 'postgres://u@h:5432/db',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT .*\(got "abc"\)$/],
    [{ JWT_TTL_MINUTES: '0' }, /JWT_TTL_MINUTES/],
    [{ POST_JURISDICTION: 'mass' }, /POST_JURISDICTION must be a two-letter/],
    [{ POST_TIME_ZONE: 'Eastern' }, /^Invalid configuration: POST_TIME_ZONE must be an IANA time zone such as America\/New_York \(got "Eastern"\)$/],
    [{ POST_TIME_ZONE: '' }, /POST_TIME_ZONE must be an IANA time zone/],
    [{ CERTIFICATION_EXPIRY_ALIGNMENT: 'quarterly' }, /CERTIFICATION_EXPIRY_ALIGNMENT/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ connection string$/],
    [{ JWT_SECRET: 'short' }, /^Invalid configuration: JWT_SECRET must be at least 32 characters$/],
    [{ SECRETS_KEY: 'short' }, /^Invalid configuration: SECRETS_KEY must be at least 32 characters$/],
    [
      { DATABASE_URL: 'postgres://api@h/db', MIGRATION_DATABASE_URL: 'mysql://owner:pw@h/db' },
      /^Invalid configuration: MIGRATION_DATABASE_URL must be a postgres:\/\/ connection string$/,
    ],
    [
      { MIGRATION_DATABASE_URL: 'postgres://owner@h/db' },
      /^Invalid configuration: MIGRATION_DATABASE_URL needs DATABASE_URL \(the login the requests run as\)$/,
    ],
    [{ POST_BOOTSTRAP_ADMIN_PASSWORD: 'short' }, /POST_BOOTSTRAP_ADMIN_PASSWORD must be at least 12/],
    [{ TRUST_PROXY: 'true' }, /^Invalid configuration: TRUST_PROXY must be comma-separated proxy addresses or CIDR ranges .*\(got "true"\)$/],
    [{ TRUST_PROXY: '10.0.0.0/40' }, /TRUST_PROXY must be comma-separated proxy addresses/],
    [{ SMTP_URL: 'http://mail.example.test' }, /^Invalid configuration: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL with a host$/],
    [{ SMTP_URL: 'smtp://' }, /^Invalid configuration: SMTP_URL must be an smtp/],
    [{ SMTP_URL: 'mail.example.test:25' }, /^Invalid configuration: SMTP_URL must be an smtp/],
    [{ MAIL_FROM: 'not an address' }, /^Invalid configuration: MAIL_FROM must be an address or "Name <address>"/],
    [{ PUBLIC_BASE_URL: 'ftp://registry.example.test' }, /^Invalid configuration: PUBLIC_BASE_URL must be an http/],
    [{ PUBLIC_BASE_URL: 'https://registry.example.test/?a=1' }, /^Invalid configuration: PUBLIC_BASE_URL must be an http/],
    [
      { MFA_REQUIRED_ROLES: 'commission_admin,chief' },
      /^Invalid configuration: MFA_REQUIRED_ROLES must be comma-separated roles among .* \(got "commission_admin,chief"\)$/,
    ],
    [{ MFA_REQUIRED_ROLES: 'agency_admin,' }, /MFA_REQUIRED_ROLES must be comma-separated roles/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => validateEnvironment(env)).toThrow(ConfigurationError);
    expect(() => validateEnvironment(env)).toThrow(message);
  });

  it('accepts any IANA time zone', () => {
    expect(validateEnvironment({ POST_TIME_ZONE: 'America/Los_Angeles' }).POST_TIME_ZONE).toBe('America/Los_Angeles');
    expect(validateEnvironment({ POST_TIME_ZONE: 'UTC' }).POST_TIME_ZONE).toBe('UTC');
  });

  it('trusts no proxy unless told which', () => {
    expect(validateEnvironment({}).TRUST_PROXY).toBeUndefined();
    expect(validateEnvironment({ TRUST_PROXY: '' }).TRUST_PROXY).toBeUndefined();
    expect(validateEnvironment({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8,127.0.0.1');
  });

  it("takes the schema owner apart from the requests' login", () => {
    expect(validateEnvironment({ DATABASE_URL: 'postgres://api@h/db', MIGRATION_DATABASE_URL: 'postgres://owner@h/db' })).toMatchObject({
      DATABASE_URL: 'postgres://api@h/db',
      MIGRATION_DATABASE_URL: 'postgres://owner@h/db',
    });
    expect(validateEnvironment({ DATABASE_URL: 'postgres://owner@h/db' }).MIGRATION_DATABASE_URL).toBeUndefined();
  });

  it('keeps an empty MFA_REQUIRED_ROLES as none, and takes a list of roles', () => {
    expect(validateEnvironment({ MFA_REQUIRED_ROLES: '' }).MFA_REQUIRED_ROLES).toBe('');
    expect(validateEnvironment({ MFA_REQUIRED_ROLES: 'agency_hiring,academy_registrar' }).MFA_REQUIRED_ROLES).toBe('agency_hiring,academy_registrar');
  });

  it('never echoes a secret value', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'hunter2' })).toThrow(/^(?!.*hunter2)/);
    expect(() => validateEnvironment({ SECRETS_KEY: 'hunter2' })).toThrow(/^(?!.*hunter2)/);
    // An SMTP URL carries the mail account's password.
    expect(() => validateEnvironment({ SMTP_URL: 'http://user:hunter2@mail.example.test' })).toThrow(/^(?!.*hunter2)/);
  });

  it('takes the mail transport and the public address', () => {
    const env = validateEnvironment({
      SMTP_URL: 'smtps://user:pw@mail.example.test:465',
      MAIL_FROM: 'Commission <no-reply@post.example.test>',
      PUBLIC_BASE_URL: 'https://post.example.test/',
    });
    expect(env).toMatchObject({ SMTP_URL: 'smtps://user:pw@mail.example.test:465', MAIL_FROM: 'Commission <no-reply@post.example.test>' });
    expect(validateEnvironment({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'no-reply@post.example.test' }).SMTP_URL).toBe('smtp://127.0.0.1:2525');
    expect(validateEnvironment({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    const resolved = { databaseUrl: 'postgres://h/db', jwtSecret: 'x'.repeat(48) };
    expect(buildAppConfig(env, resolved)).toMatchObject({
      mail: { smtpUrl: 'smtps://user:pw@mail.example.test:465', from: 'Commission <no-reply@post.example.test>' },
      publicBaseUrl: 'https://post.example.test',
    });
    const unset = buildAppConfig(validateEnvironment({ PORT: '8080' }), resolved);
    expect(unset).toMatchObject({ mail: { smtpUrl: undefined, from: 'POST Registry <no-reply@localhost>' }, publicBaseUrl: 'http://localhost:8080' });
  });
});
