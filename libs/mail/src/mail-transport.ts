import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { MailDeliveryError } from './domain/mail.errors';
import { MAIL_SETTINGS } from './mail-settings';
import type { MailSettings } from './mail-settings';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail through nodemailer when SMTP_URL is set; `configured` is false otherwise, and the
 * caller falls back (a link returned once, a notice kept with status `no_transport`).
 * Nothing here logs a recipient, a subject or a body: they carry addresses and one-use links.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter?: Transporter;

  constructor(@Inject(MAIL_SETTINGS) private readonly settings: MailSettings) {
    if (settings.smtpUrl) {
      const timeouts = { connectionTimeout: settings.timeoutMs, greetingTimeout: settings.timeoutMs, socketTimeout: settings.timeoutMs };
      // logger/debug off: nodemailer's own log would print the envelope and the SMTP dialogue.
      this.transporter = createTransport({ url: settings.smtpUrl, ...timeouts, logger: false, debug: false } as never, { from: settings.from });
    }
  }

  get configured(): boolean {
    return this.transporter !== undefined;
  }

  /** Throws MailDeliveryError when the server refuses or cannot be reached; call only when `configured`. */
  async send(message: MailMessage): Promise<void> {
    if (!this.transporter) throw new MailDeliveryError();
    try {
      await this.transporter.sendMail({ to: message.to, subject: message.subject, text: message.text });
    } catch (error) {
      const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
      // Only codes: the error's message and response can quote the recipient's address.
      this.logger.warn({ code: typeof code === 'string' ? code : undefined, responseCode }, 'mail not delivered');
      throw new MailDeliveryError(typeof responseCode === 'number' ? responseCode : undefined);
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
