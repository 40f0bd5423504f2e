import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… — without it Kefu runs on embedded PGlite in KEFU_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  KEFU_DATA_DIR: z.string().default('.kefu-data'),
  KEFU_ADMIN_EMAIL: z.email().default('admin@kefu.local'),
  KEFU_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Seconds an assigned agent has to answer before the conversation goes to the next agent. */
  KEFU_ASSIGN_TIMEOUT_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Create the demo site and serve /demo (on by default; set 0 in production). */
  KEFU_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Use socket.io's PostgreSQL adapter for fan-out between processes (default on with DATABASE_URL). */
  KEFU_CLUSTER: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Public address of Kefu, for links in mails (tracking pages); defaults to http://localhost:PORT. */
  KEFU_PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:587 or smtps://… — without it mails stay in the outbox table (admins read them). */
  SMTP_URL: z.string().url().optional(),
  KEFU_MAIL_FROM: z.string().default('Kefu <no-reply@kefu.local>'),
  /** A resolved complaint with no customer answer closes itself after this many days. */
  KEFU_COMPLAINT_AUTO_CLOSE_DAYS: z.coerce.number().min(0).default(7),
  /** Share of a complaint deadline after which the handler is warned (percent). */
  KEFU_COMPLAINT_WARN_PERCENT: z.coerce.number().int().min(1).max(99).default(80),
  /** Folder for complaint attachments (default: <KEFU_DATA_DIR>/attachments). */
  KEFU_ATTACHMENTS_DIR: z.string().optional(),
  /** Largest attachment, and most bytes of attachments per complaint. */
  KEFU_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  KEFU_ATTACHMENT_MAX_TOTAL_BYTES: z.coerce.number().int().min(1024).default(30 * 1024 * 1024),
  /** Erase the personal data of customers whose cases all closed more than this many months ago (0 = keep). */
  KEFU_RETENTION_MONTHS: z.coerce.number().int().min(0).max(1200).default(0),
  /** Time zone of the day in complaint numbers (KS20261122-0007). */
  KEFU_COMPLAINT_TIMEZONE: z.string().default('Asia/Shanghai'),
  /** Time zone of "today" in the live monitor and of the scheduled reports' days (default: KEFU_COMPLAINT_TIMEZONE). */
  KEFU_TIMEZONE: z.string().refine(isTimeZone, 'unknown time zone').optional(),
  /** While someone watches the live monitor, each process also recomputes it this often (for what no event announces). */
  KEFU_MONITOR_REFRESH_SECONDS: z.coerce.number().min(1).default(15),
  /** Scheduled reports (daily at KEFU_REPORT_DAILY_AT, weekly on Monday, monthly on the 5th); 0 turns them off. */
  KEFU_SCHEDULED_REPORTS: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Local time (HH:MM, KEFU_TIMEZONE) at which the daily report (and the weekly/monthly ones) are made. */
  KEFU_REPORT_DAILY_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('10:00'),
  /** Comma-separated addresses of the scheduled reports; default: every active manager. */
  KEFU_REPORT_RECIPIENTS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.email())),
  /** redis://… — when set, socket.io's Redis adapter fans events out between processes and rate limits live in Redis. */
  REDIS_URL: z.string().url().optional(),
  /** Multiplies every rate limit (2 = twice as many requests allowed); 0 turns rate limiting off (benchmarks). */
  KEFU_RATE_LIMIT_SCALE: z.coerce.number().min(0).default(1),
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For entry. */
  /** socket.io heartbeat: a connection silent for interval + timeout is closed (and the client reconnects). */
  KEFU_PING_INTERVAL_MS: z.coerce.number().int().min(100).default(20_000),
  KEFU_PING_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  KEFU_TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string;
  adminPassword: string | undefined;
  assignTimeoutSeconds: number;
  demo: boolean;
  cluster: boolean;
  redisUrl: string | undefined;
  rateLimitScale: number;
  trustProxy: boolean;
  realtime: { pingIntervalMs: number; pingTimeoutMs: number };
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  publicUrl: string;
  mail: { smtpUrl: string | undefined; from: string };
  complaints: { autoCloseDays: number; warnPercent: number; timeZone: string };
  attachments: { dir: string; maxBytes: number; maxTotalBytes: number };
  /** Time zone of "today" (live monitor) and of scheduled report periods. */
  timeZone: string;
  monitor: { refreshMs: number };
  scheduledReports: { enabled: boolean; dailyAt: string; recipients: string[] };
  /** Months after which closed cases' personal data is erased (0 = keep forever). */
  retentionMonths: number;
};

/** Reads the environment once, through zod; a bad variable stops start-up with its name. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable counts as unset (DATABASE_URL= in a shell or compose file).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KEFU_DATA_DIR,
    adminEmail: e.KEFU_ADMIN_EMAIL,
    adminPassword: e.KEFU_ADMIN_PASSWORD,
    assignTimeoutSeconds: e.KEFU_ASSIGN_TIMEOUT_SECONDS,
    demo: e.KEFU_DEMO,
    cluster: e.KEFU_CLUSTER ?? Boolean(e.DATABASE_URL || e.REDIS_URL),
    redisUrl: e.REDIS_URL,
    rateLimitScale: e.KEFU_RATE_LIMIT_SCALE,
    trustProxy: e.KEFU_TRUST_PROXY,
    realtime: { pingIntervalMs: e.KEFU_PING_INTERVAL_MS, pingTimeoutMs: e.KEFU_PING_TIMEOUT_MS },
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.KEFU_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mail: { smtpUrl: e.SMTP_URL, from: e.KEFU_MAIL_FROM },
    complaints: { autoCloseDays: e.KEFU_COMPLAINT_AUTO_CLOSE_DAYS, warnPercent: e.KEFU_COMPLAINT_WARN_PERCENT, timeZone: e.KEFU_COMPLAINT_TIMEZONE },
    timeZone: e.KEFU_TIMEZONE ?? e.KEFU_COMPLAINT_TIMEZONE,
    monitor: { refreshMs: e.KEFU_MONITOR_REFRESH_SECONDS * 1000 },
    scheduledReports: { enabled: e.KEFU_SCHEDULED_REPORTS, dailyAt: e.KEFU_REPORT_DAILY_AT, recipients: e.KEFU_REPORT_RECIPIENTS },
    retentionMonths: e.KEFU_RETENTION_MONTHS,
    attachments: { dir: e.KEFU_ATTACHMENTS_DIR ?? `${e.KEFU_DATA_DIR.replace(/^memory:\/\//, '.kefu-data')}/attachments`, maxBytes: e.KEFU_ATTACHMENT_MAX_BYTES, maxTotalBytes: e.KEFU_ATTACHMENT_MAX_TOTAL_BYTES },
  };
}
