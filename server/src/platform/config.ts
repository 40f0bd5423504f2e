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
});

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
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
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
    cluster: e.KEFU_CLUSTER ?? Boolean(e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
  };
}
