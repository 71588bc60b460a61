import { startSmtpSink, SmtpSink } from '../../../test/support/smtp-sink';
import { MailDeliveryError } from './domain/mail.errors';
import { MailTransport } from './mail-transport';

describe('MailTransport', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('is not configured without SMTP_URL and refuses to send', async () => {
    const transport = new MailTransport({ from: 'no-reply@post.example.test', timeoutMs: 2000 });
    expect(transport.configured).toBe(false);
    await expect(transport.send({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toBeInstanceOf(MailDeliveryError);
  });

  it('sends through the SMTP server from MAIL_FROM', async () => {
    const transport = new MailTransport({
      smtpUrl: sink.url.replace('smtp://', 'smtp://user:secret@'),
      from: 'Commission <no-reply@post.example.test>',
      timeoutMs: 2000,
    });
    expect(transport.configured).toBe(true);
    await transport.send({ to: 'officer@example.test', subject: 'Reset your password', text: 'Follow https://post.example.test/x#token=abc' });
    const [message] = await sink.waitFor(1);
    expect(message).toMatchObject({
      envelopeTo: ['officer@example.test'],
      from: 'no-reply@post.example.test',
      to: ['officer@example.test'],
      subject: 'Reset your password',
    });
    expect(message.text).toContain('https://post.example.test/x#token=abc');
    transport.onModuleDestroy();
  });

  it('turns a refusal into MailDeliveryError and logs neither the recipient nor the reply', async () => {
    const transport = new MailTransport({ smtpUrl: sink.url, from: 'no-reply@post.example.test', timeoutMs: 2000 });
    const warn = jest.spyOn((transport as unknown as { logger: { warn: (...args: unknown[]) => void } }).logger, 'warn').mockImplementation(() => undefined);
    sink.refuseWith(550);
    try {
      const failure = await transport.send({ to: 'secret-recipient@example.test', subject: 's', text: 'body-canary' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MailDeliveryError);
      expect((failure as MailDeliveryError).responseCode).toBe(550);
      expect(JSON.stringify(warn.mock.calls)).not.toMatch(/secret-recipient|body-canary|refused by the test/);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      sink.refuseWith(undefined);
      transport.onModuleDestroy();
    }
  });

  it('fails within its timeout when no server answers', async () => {
    const transport = new MailTransport({ smtpUrl: 'smtp://127.0.0.1:1', from: 'no-reply@post.example.test', timeoutMs: 1000 });
    jest.spyOn((transport as unknown as { logger: { warn: () => void } }).logger, 'warn').mockImplementation(() => undefined);
    await expect(transport.send({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toBeInstanceOf(MailDeliveryError);
  });
});
