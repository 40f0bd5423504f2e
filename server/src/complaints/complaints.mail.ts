import { format } from '@kefu/shared/i18n';
import { complaintsEn, type TComplaintsCatalog } from '@kefu/shared/i18n/widget.complaints.en';
import { complaintsZhCN } from '@kefu/shared/i18n/widget.complaints.zh-CN';
import { publicStatusOf, type TLocale } from '@kefu/shared';
import type { Ctx } from '../platform/context';
import { sendMail } from '../mail/mail.service';
import { mintTrackingToken, trackingUrl } from './complaints.filing';

const CATALOGS: Record<TLocale, TComplaintsCatalog> = { en: complaintsEn, 'zh-CN': complaintsZhCN };
/** Timeline events that change what the customer sees as the status: each one mails them. */
const STATUS_MAILS = new Set(['accepted', 'rejected', 'resolved', 'reopened', 'closed']);

function when(ctx: Ctx, at: Date, locale: TLocale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.config.complaints.timeZone }).format(at);
}

async function openResolutionDue(ctx: Ctx, complaintId: string): Promise<Date | undefined> {
  const d = await ctx.db
    .selectFrom('complaint_deadlines')
    .select('due_at')
    .where('complaint_id', '=', complaintId)
    .where('kind', '=', 'resolution')
    .where('met_at', 'is', null)
    .orderBy('due_at', 'desc')
    .executeTakeFirst();
  return d?.due_at;
}

/** Mails the customer on filing (with the tracking link) and on every public status change; staff on deadline alerts. */
export function listenForComplaintMail(ctx: Ctx): () => void {
  const offs = [
    ctx.bus.on('complaint.filed', async ({ complaintId, trackingToken }) => {
      const c = await ctx.db.selectFrom('complaints').selectAll().where('id', '=', complaintId).executeTakeFirst();
      if (!c?.contact_email) return;
      const t = CATALOGS[c.locale];
      const url = trackingUrl(ctx, trackingToken);
      const due = await openResolutionDue(ctx, complaintId);
      await sendMail(ctx, {
        to: c.contact_email,
        subject: format(t['mail.filed.subject'], { number: c.number }),
        text: format(t['mail.filed.body'], { number: c.number, url, due: due ? when(ctx, due, c.locale) : t['mail.noDue'] }),
        secret: url,
      });
    }),
    ctx.bus.on('complaint.changed', async ({ complaintId, event }) => {
      if (!event || !STATUS_MAILS.has(event.type)) return;
      const c = await ctx.db.selectFrom('complaints').selectAll().where('id', '=', complaintId).executeTakeFirst();
      if (!c?.contact_email) return;
      const t = CATALOGS[c.locale];
      const status = t[`complaint.status.${publicStatusOf(c.status)}`];
      // Links are stored only as hashes, so each mail carries a freshly minted one.
      const url = trackingUrl(ctx, await mintTrackingToken(ctx, complaintId));
      // A resolution mail asks for the customer's verdict and rating (the tracking page takes both).
      const ask = event.type === 'resolved' ? `\n${t['mail.resolved.survey']}\n` : '';
      const detail = event.type === 'rejected' || event.type === 'resolved' ? `\n${event.text ?? ''}\n${ask}` : '';
      await sendMail(ctx, {
        to: c.contact_email,
        subject: format(t['mail.status.subject'], { number: c.number, status }),
        text: format(t['mail.status.body'], { number: c.number, status, detail, url }),
        secret: url,
      });
    }),
    ctx.bus.on('complaint.deadline_alert', async ({ complaintId, kind, deadline, notifyUserIds }) => {
      if (notifyUserIds.length === 0) return;
      const c = await ctx.db.selectFrom('complaints').select(['number']).where('id', '=', complaintId).executeTakeFirst();
      const due = await ctx.db
        .selectFrom('complaint_deadlines')
        .select('due_at')
        .where('complaint_id', '=', complaintId)
        .where('kind', '=', deadline)
        .orderBy('due_at', 'desc')
        .executeTakeFirst();
      const users = await ctx.db.selectFrom('users').select(['email', 'locale']).where('id', 'in', notifyUserIds).execute();
      for (const u of users) {
        // Someone who never chose a language gets Chinese.
        const locale = u.locale ?? 'zh-CN';
        const t = CATALOGS[locale];
        await sendMail(ctx, {
          to: u.email,
          subject: format(t[kind === 'warning' ? 'mail.alert.warning.subject' : 'mail.alert.breach.subject'], { number: c?.number ?? '' }),
          text: format(t['mail.alert.body'], {
            number: c?.number ?? '',
            deadline,
            due: due ? when(ctx, due.due_at, locale) : '',
            url: `${ctx.config.publicUrl}/portal/complaints/${complaintId}`,
          }),
        });
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
