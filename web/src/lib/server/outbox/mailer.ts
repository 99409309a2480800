import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailOutboxEntry } from '@comptoir/shared';
import { noticeMail } from './notice-texts.js';

/** Sends one notice (throws when it could not: the outbox retries). */
export interface Mailer {
  send(entry: MailOutboxEntry, messageId: string): Promise<void>;
  close(): void;
}

/**
 * A mailer through a real SMTP client (nodemailer): to `SMTP_URL` when set, else written as
 * `.eml` files in `<data dir>/mail/` (what `npm start` does, like the file printer).
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  dataDir: string;
}): Mailer {
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const mailDir = join(options.dataDir, 'mail');
  return {
    async send(entry, messageId) {
      const mail = noticeMail(entry.notice, entry.to.language);
      const info: unknown = await transport.sendMail({
        from: options.from,
        to: entry.to.email,
        subject: mail.subject,
        text: mail.text,
        // One id per outbox row: a resend after a lost answer is recognisably the same e-mail.
        messageId: `<${messageId}@comptoir>`,
        headers: { 'Content-Language': entry.to.language },
      });
      if (!options.smtpUrl) {
        const message =
          typeof info === 'object' && info !== null && 'message' in info ? info.message : undefined;
        if (!(message instanceof Buffer)) throw new Error('the stream transport gave no message');
        await mkdir(mailDir, { recursive: true });
        await writeFile(join(mailDir, `${messageId}.eml`), message);
      }
    },
    close() {
      transport.close();
    },
  };
}
