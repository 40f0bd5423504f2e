import { z } from 'zod';
import { ZId, ZLocale } from './common';

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** Opening hours: a list of intervals per weekday (0 = Sunday) in the site's time zone. */
export const ZBusinessHours = z.object({
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone'),
  /** Seven entries, Sunday first; an empty list closes that day. */
  weekly: z.array(z.array(z.object({ start: ZClock, end: ZClock }))).length(7),
  /** Closed dates (YYYY-MM-DD, in the site's time zone). */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
export type TBusinessHours = z.infer<typeof ZBusinessHours>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * True when `at` falls inside the opening hours (null hours = always open).
 * @example isWithinBusinessHours(site.businessHours, new Date())
 */
export function isWithinBusinessHours(hours: TBusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (hours.holidays.includes(date)) return false;
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const clock = `${get('hour')}:${get('minute')}`;
  return (hours.weekly[day] ?? []).some((slot) => slot.start <= clock && clock < slot.end);
}

export const LAUNCHER_POSITIONS = ['right', 'left'] as const;
export const ZLauncherPosition = z.enum(LAUNCHER_POSITIONS);
export type TLauncherPosition = z.infer<typeof ZLauncherPosition>;

/**
 * Where new work goes: identified VIP visitors' conversations to a VIP team, complaints of a category
 * to a team (the proposed responsible team until the judgement names one). Unset = the default team.
 */
export const ZRoutingRules = z.object({
  vipTeamId: ZId.nullable().default(null),
  /** Complaint category → team id (categories from COMPLAINT_CATEGORIES). */
  categoryTeams: z.record(z.string().max(40), ZId).default({}),
});
export type TRoutingRules = z.infer<typeof ZRoutingRules>;

export const ZSite = z.object({
  id: ZId,
  name: z.string(),
  key: z.string(),
  allowedOrigins: z.array(z.string()),
  defaultTeamId: ZId.nullable(),
  greeting: z.object({ 'zh-CN': z.string(), en: z.string() }),
  offlineMessage: z.object({ 'zh-CN': z.string(), en: z.string() }),
  locale: ZLocale.nullable(),
  color: z.string(),
  businessHours: ZBusinessHours.nullable(),
  launcherPosition: ZLauncherPosition,
  routingRules: ZRoutingRules,
});
export type TSite = z.infer<typeof ZSite>;

const ZOrigin = z
  .string()
  .max(200)
  .refine((s) => s === '*' || /^https?:\/\/[^/\s]+$/.test(s), 'an origin like https://shop.example.com, or *');

export const ZSiteBody = z.object({
  name: z.string().trim().min(1).max(100),
  allowedOrigins: z.array(ZOrigin).max(50).default([]),
  defaultTeamId: ZId.nullable().default(null),
  greeting: z.object({ 'zh-CN': z.string().max(500), en: z.string().max(500) }).optional(),
  offlineMessage: z.object({ 'zh-CN': z.string().max(500), en: z.string().max(500) }).optional(),
  locale: ZLocale.nullable().default(null),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#1f6feb'),
  businessHours: ZBusinessHours.nullable().default(null),
  launcherPosition: ZLauncherPosition.default('right'),
  routingRules: ZRoutingRules.default({ vipTeamId: null, categoryTeams: {} }),
});
export type TSiteBody = z.input<typeof ZSiteBody>;

/** What the widget learns about its site before the first message. */
export const ZWidgetConfig = z.object({
  siteName: z.string(),
  color: z.string(),
  /** Which bottom corner the launcher sits in (omitted = right). */
  launcherPosition: ZLauncherPosition.optional(),
  locale: ZLocale.nullable(),
  greeting: z.object({ 'zh-CN': z.string(), en: z.string() }),
  offlineMessage: z.object({ 'zh-CN': z.string(), en: z.string() }),
  /** Open now and at least one agent of the default team online. */
  available: z.boolean(),
  withinBusinessHours: z.boolean(),
  agentsOnline: z.boolean(),
});
export type TWidgetConfig = z.infer<typeof ZWidgetConfig>;

export const ZWidgetSessionBody = z.object({
  siteKey: z.string().min(1).max(64),
  /** A token this browser was given earlier, to resume as the same visitor. */
  visitorToken: z.string().max(128).optional(),
  /** The host page's origin, as the widget iframe sees it (location.ancestorOrigins). */
  hostOrigin: z.string().max(200),
  /** What the host passed to Kefu.identify: checked by the server (ZCustomerIdentity + HMAC), ignored when not valid. */
  identity: z.unknown().optional(),
});
/** Kefu.reset: this browser's visitor token stops working (the host's user signed out; the next person starts afresh). */
export const ZWidgetSessionEndBody = z.object({
  siteKey: z.string().min(1).max(64),
  visitorToken: z.string().min(1).max(128),
});
export type TWidgetSessionEndBody = z.infer<typeof ZWidgetSessionEndBody>;
export const ZWidgetSession = z.object({
  visitorToken: z.string(),
  visitorId: ZId,
  config: ZWidgetConfig,
  /** True when a valid identity was applied (the visitor belongs to that verified customer). */
  identified: z.boolean().optional(),
});
export type TWidgetSession = z.infer<typeof ZWidgetSession>;
