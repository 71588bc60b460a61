/** The mail transport's configuration (SMTP_URL, MAIL_FROM): no URL, nothing is mailed. */
export interface MailSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset: `MailTransport.configured` is false. */
  smtpUrl?: string;
  /** The sender of every message: an address, or `Name <address>`. */
  from: string;
  /** Bounds a send: connection, greeting and socket inactivity (ms). */
  timeoutMs: number;
}

export const MAIL_SETTINGS = Symbol('MAIL_SETTINGS');
