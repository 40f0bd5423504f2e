import type { Context } from 'hono';
import type { AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { auditSettings } from './settings-audit';

/** The signed-in agent making a change and the request's address, for the audit log. */
export function actorOf(c: Context<AppEnv>): { id: string; ip: string } {
  return { id: c.var.agent.id, ip: requestIp(c, c.var.ctx.config.trustProxy) };
}

/**
 * Audits a settings change made by this request through a feature service that has no transaction
 * hook (prohibited phrases, scorecard, survey settings): written right after the change commits.
 */
export async function auditSettingsOf(c: Context<AppEnv>, change: Parameters<typeof auditSettings>[2]): Promise<void> {
  await auditSettings(c.var.ctx.db, actorOf(c), change, c.var.ctx.clock());
}
