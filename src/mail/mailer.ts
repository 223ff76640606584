import nodemailer, { type Transporter } from 'nodemailer';

/** One e-mail, plain text (offices read it in any client). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID lets the office's mail system drop an accidental duplicate. */
  messageId?: string;
  /** Where the office's Reply goes (the mailbox the reply poller reads). */
  replyTo?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer (SMTP_URL, e.g. smtp://user:pass@host:587 or smtps://host:465).
 * Short timeouts: a down server should fail this attempt fast and let the job retry later.
 */
export function createSmtpMailer(smtpUrl: string, from: string, opts: { timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 10_000;
  const transport: Transporter = nodemailer.createTransport(smtpUrl, {
    // A few reused connections: one TCP+SMTP handshake per message would bound delivery at a few dozen per second.
    pool: true,
    maxConnections: 4,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
  } as never);
  return {
    async send(m) {
      const info = (await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, ...(m.messageId ? { messageId: m.messageId } : {}), ...(m.replyTo ? { replyTo: m.replyTo } : {}) })) as {
        rejected?: unknown[];
      };
      if (info.rejected !== undefined && info.rejected.length > 0) throw new Error(`the SMTP server rejected the recipient ${m.to}`);
    },
    close() {
      transport.close();
    },
  };
}
