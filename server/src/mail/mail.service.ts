import { createTransport, type Transporter } from 'nodemailer';
import type { TOutboxMail } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { Ctx } from '../platform/context';
import type { MailRow } from './mail.table';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  /** Replaced by "…" in the stored copy once sent (e.g. a tracking link). */
  secret?: string;
  /** Blank the secret in the outbox copy even when the mail is held (an invite link, which the admin already has). */
  keepSecretOut?: boolean;
};

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/**
 * Sends a mail over SMTP_URL and keeps a copy in the outbox; without SMTP the mail is `held` in
 * the outbox for admins to read. A sent mail's copy has its secret (tracking link) blanked, so the
 * table does not hold working links.
 * @example await sendMail(ctx, { to: 'wang@example.com', subject: '…', text: '…', secret: url })
 */
export async function sendMail(ctx: Ctx, mail: Mail): Promise<TOutboxMail> {
  const now = ctx.clock();
  const smtp = ctx.config.mail.smtpUrl;
  const redacted = mail.secret ? mail.text.replaceAll(mail.secret, '…') : mail.text;
  if (!smtp) return toMail(await insert(ctx.db, mail, mail.keepSecretOut ? redacted : mail.text, 'held', null, now, null));
  try {
    await transportFor(smtp).sendMail({ from: ctx.config.mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    return toMail(await insert(ctx.db, mail, redacted, 'sent', null, now, ctx.clock()));
  } catch (err) {
    ctx.log.warn('mail not sent', { to: mail.to, err: String(err) });
    return toMail(await insert(ctx.db, mail, redacted, 'failed', String(err).slice(0, 500), now, null));
  }
}

async function insert(db: DbOrTrx, mail: Mail, text: string, status: MailRow['status'], error: string | null, at: Date, sentAt: Date | null): Promise<MailRow> {
  return db
    .insertInto('mail_outbox')
    .values({ to_address: mail.to, subject: mail.subject, text, status, error, created_at: at, sent_at: sentAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function toMail(r: MailRow): TOutboxMail {
  return { id: r.id, to: r.to_address, subject: r.subject, text: r.text, status: r.status, error: r.error, createdAt: r.created_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null };
}

/** The newest mails first (admins read held mails here when no SMTP is configured). */
export async function listOutbox(db: DbOrTrx, opts: { status?: MailRow['status'] | undefined; limit?: number } = {}): Promise<TOutboxMail[]> {
  let q = db.selectFrom('mail_outbox').selectAll();
  if (opts.status) q = q.where('status', '=', opts.status);
  return (await q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit ?? 100).execute()).map(toMail);
}
