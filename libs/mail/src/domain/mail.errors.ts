import { DomainError } from '@app/core';

/**
 * The SMTP server refused or could not be reached. The message names neither the recipient nor
 * the server's reply (which often quotes the address): only the SMTP response code, if any.
 */
export class MailDeliveryError extends DomainError {
  constructor(readonly responseCode?: number) {
    super('MAIL.DELIVERY_FAILED', 'unavailable', 'The mail server did not accept the message; try again later.');
  }
}
