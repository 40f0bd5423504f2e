import type { TComplaint, TComplaintCategory, TComplaintChannel, TLocale, TPriority } from '@kefu/shared';
import type { TConvertComplaintBody, TPhoneComplaintBody, TWidgetComplaintBody } from '@kefu/shared';
import { ZConvertComplaintBody, ZPhoneComplaintBody } from '@kefu/shared';
import type { Agent } from '../conversations/conversations.access';
import { getForAgent } from '../conversations/conversations.service';
import type { Ctx } from '../platform/context';
import { hashToken, randomToken } from '../platform/secrets';
import type { SiteRow, VisitorRow } from '../sites/sites.table';
import * as repo from './complaints.repository';
import { getComplaint, slaFor } from './complaints.service';
import { teamForComplaint } from '../sites/sites.routing';

/** Tracking links stay valid this long (a new link is minted with each mail). */
export const TRACKING_TOKEN_DAYS = 365;

type NewComplaint = {
  channel: TComplaintChannel;
  category: TComplaintCategory;
  priority: TPriority;
  description: string;
  customerName: string | null;
  phone: string | null;
  email: string | null;
  locale: TLocale;
  siteId: string | null;
  visitorId: string | null;
  conversationId: string | null;
  ownerId: string | null;
};

/** The day in complaint numbers (YYYYMMDD) in the configured time zone. */
export function numberDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).replaceAll('-', '');
}

/** Mints a tracking token for a complaint: the caller gets the token, the database only its hash. */
export async function mintTrackingToken(ctx: Ctx, complaintId: string): Promise<string> {
  const token = randomToken(32);
  await repo.insertTrackingToken(ctx.db, complaintId, hashToken(token), new Date(ctx.clock().getTime() + TRACKING_TOKEN_DAYS * 86_400_000));
  return token;
}

/** The public address of a complaint's tracking page. */
export function trackingUrl(ctx: Ctx, token: string): string {
  return `${ctx.config.publicUrl}/c/${token}`;
}

/** Stores a complaint with its number, first timeline event, applied deadlines and a tracking token. */
async function fileComplaint(ctx: Ctx, n: NewComplaint): Promise<{ complaint: TComplaint; trackingToken: string }> {
  const now = ctx.clock();
  const token = randomToken(32);
  const sla = await slaFor(ctx.db, n.category, n.priority);
  const { row, event } = await ctx.db.transaction().execute(async (trx) => {
    const number = await repo.nextComplaintNumber(trx, numberDay(now, ctx.config.complaints.timeZone));
    // The site's routing rule for the category proposes the responsible team (Settings → Sites).
    const teamId = await teamForComplaint(trx, n.siteId, n.category);
    const row = await repo.insertComplaint(trx, {
      number,
      status: 'submitted',
      channel: n.channel,
      category: n.category,
      priority: n.priority,
      description: n.description,
      customer_name: n.customerName,
      contact_phone: n.phone,
      contact_email: n.email,
      locale: n.locale,
      site_id: n.siteId,
      visitor_id: n.visitorId,
      conversation_id: n.conversationId,
      owner_id: n.ownerId,
      team_id: teamId,
      handler_id: null,
      judged_by: null,
      judged_at: null,
      rejection_reason: null,
      resolution: null,
      resolved_at: null,
      closed_at: null,
      close_reason: null,
      rating: null,
      rating_comment: null,
      created_at: now,
      updated_at: now,
    });
    const event = await repo.insertEvent(trx, {
      complaintId: row.id,
      type: 'created',
      isPublic: true,
      actorId: n.ownerId,
      data: { channel: n.channel, ...(n.conversationId ? { conversationId: n.conversationId } : {}) },
      at: now,
    });
    if (sla) {
      await repo.insertDeadline(trx, row.id, 'first_response', now, sla.first_response(now));
      await repo.insertDeadline(trx, row.id, 'resolution', now, sla.resolution(now));
    }
    await repo.insertTrackingToken(trx, row.id, hashToken(token), new Date(now.getTime() + TRACKING_TOKEN_DAYS * 86_400_000));
    return { row, event };
  });
  ctx.bus.publish('complaint.changed', { complaintId: row.id, event: repo.toEvent(event, null) });
  ctx.bus.publish('complaint.filed', { complaintId: row.id, trackingToken: token });
  return { complaint: await getComplaint(ctx, row.id), trackingToken: token };
}

/** The customer files a complaint from the widget. */
export async function fileFromWidget(ctx: Ctx, site: SiteRow, visitor: VisitorRow, body: Omit<TWidgetComplaintBody, 'siteKey' | 'visitorToken' | 'hostOrigin'>) {
  return fileComplaint(ctx, {
    channel: 'widget',
    category: body.category,
    priority: 'normal',
    description: body.description,
    customerName: body.name || visitor.name,
    phone: body.phone ?? null,
    email: body.email ?? visitor.email,
    locale: body.locale ?? site.locale ?? 'zh-CN',
    siteId: site.id,
    visitorId: visitor.id,
    conversationId: null,
    ownerId: null,
  });
}

/** An agent registers a complaint made by phone; the agent is its owner (首问). */
export async function registerPhoneComplaint(ctx: Ctx, agent: Agent, input: TPhoneComplaintBody) {
  const body = ZPhoneComplaintBody.parse(input);
  return fileComplaint(ctx, {
    channel: 'phone',
    category: body.category,
    priority: body.priority,
    description: body.description,
    customerName: body.customerName,
    phone: body.phone,
    email: body.email ?? null,
    locale: body.locale,
    siteId: null,
    visitorId: null,
    conversationId: null,
    ownerId: agent.id,
  });
}

/** An agent turns a conversation they can see into a complaint; the transcript stays linked. */
export async function convertConversation(ctx: Ctx, agent: Agent, input: TConvertComplaintBody) {
  const body = ZConvertComplaintBody.parse(input);
  const conversation = await getForAgent(ctx, agent, body.conversationId);
  const site = await ctx.db.selectFrom('sites').select('locale').where('id', '=', conversation.siteId).executeTakeFirst();
  return fileComplaint(ctx, {
    channel: 'conversation',
    category: body.category,
    priority: body.priority,
    description: body.description,
    customerName: conversation.visitor.name,
    phone: body.phone ?? null,
    // The conversation's email is masked for agents: take the stored one.
    email: body.email ?? (await ctx.db.selectFrom('visitors').select('email').where('id', '=', conversation.visitor.id).executeTakeFirst())?.email ?? null,
    locale: site?.locale ?? 'zh-CN',
    siteId: conversation.siteId,
    visitorId: conversation.visitor.id,
    conversationId: conversation.id,
    ownerId: conversation.ownerId ?? agent.id,
  });
}
