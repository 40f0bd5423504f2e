import { z } from 'zod';
import { ZId, ZTimestamp } from './common';
import { ZPresence, ZRole } from './agents';
import { ZConversationStatus, ZPriority } from './conversations';
import { ZComplaintCategory, ZComplaintStatus, ZDeadlineKind } from './complaints';

/** One team's queue in the live monitor (`teamId: null` = conversations without a team). */
export const ZMonitorTeam = z.object({
  teamId: ZId.nullable(),
  name: z.string().nullable(),
  queued: z.number().int().nonnegative(),
  /** queued_at of the conversation waiting longest in the queue; the longest wait is `at − oldestQueuedAt`. */
  oldestQueuedAt: ZTimestamp.nullable(),
  agentsOnline: z.number().int().nonnegative(),
  /** Free seats of the team's online agents (capacity − load, summed). */
  freeCapacity: z.number().int().nonnegative(),
});
export type TMonitorTeam = z.infer<typeof ZMonitorTeam>;

export const ZMonitorAgent = z.object({
  id: ZId,
  name: z.string(),
  role: ZRole,
  presence: ZPresence,
  presenceSince: ZTimestamp,
  /** Conversations assigned to the agent now (status active), and the most they may hold. */
  load: z.number().int().nonnegative(),
  capacity: z.number().int().nonnegative(),
  teamIds: z.array(ZId),
});
export type TMonitorAgent = z.infer<typeof ZMonitorAgent>;

/** An open conversation whose customer's last message has no agent reply yet. */
export const ZMonitorWaiting = z.object({
  conversationId: ZId,
  status: ZConversationStatus,
  priority: ZPriority,
  vip: z.boolean(),
  visitorName: z.string().nullable(),
  teamId: ZId.nullable(),
  teamName: z.string().nullable(),
  assigneeId: ZId.nullable(),
  assigneeName: z.string().nullable(),
  waitingSince: ZTimestamp,
  lastMessageText: z.string().nullable(),
});
export type TMonitorWaiting = z.infer<typeof ZMonitorWaiting>;

/** An unmet deadline of a running complaint: due before the end of today (`at_risk`) or already passed (`breached`). */
export const ZMonitorComplaint = z.object({
  complaintId: ZId,
  number: z.string(),
  status: ZComplaintStatus,
  category: ZComplaintCategory,
  priority: ZPriority,
  deadline: ZDeadlineKind,
  dueAt: ZTimestamp,
  state: z.enum(['at_risk', 'breached']),
  teamName: z.string().nullable(),
  handlerName: z.string().nullable(),
});
export type TMonitorComplaint = z.infer<typeof ZMonitorComplaint>;

/** Today's counters, "today" being the configured time zone's calendar day (KEFU_TIMEZONE). */
export const ZMonitorToday = z.object({
  day: z.string(),
  timeZone: z.string(),
  /** Conversations started today. */
  created: z.number().int().nonnegative(),
  /** Conversations whose latest resolution fell today (a reopened one counts where it was resolved last). */
  resolved: z.number().int().nonnegative(),
  /** Resolved today without ever having had an agent: they left the queue without an agent (docs/metrics.md's "missed", counted on the day they left). */
  missed: z.number().int().nonnegative(),
  complaintsFiled: z.number().int().nonnegative(),
});
export type TMonitorToday = z.infer<typeof ZMonitorToday>;

/**
 * The supervisor's live monitor: everything is as of `at` (server time); waits are `at − since`,
 * so the screen can tick them forward between snapshots.
 */
export const ZMonitorSnapshot = z.object({
  at: ZTimestamp,
  teams: z.array(ZMonitorTeam),
  agents: z.array(ZMonitorAgent),
  waiting: z.array(ZMonitorWaiting),
  complaints: z.array(ZMonitorComplaint),
  /** All unmet deadlines due today / already breached (the list above is cut to the most urgent). */
  complaintCounts: z.object({ atRisk: z.number().int().nonnegative(), breached: z.number().int().nonnegative() }),
  today: ZMonitorToday,
});
export type TMonitorSnapshot = z.infer<typeof ZMonitorSnapshot>;

/** Payload of `monitor:subscribe` (nothing to choose yet; an object so that options can be added). */
export const ZMonitorSubscribe = z.object({}).strict();
