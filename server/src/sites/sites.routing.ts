import type { DbOrTrx } from '../db/database';
import type { SiteRow, VisitorRow } from './sites.table';

/**
 * The team a new conversation of this visitor queues for: the site's VIP team for VIP visitors when
 * the site names one (Settings → Sites → routing rules), otherwise the site's default team.
 * @example teamForVisitor(site, visitor) // 'uuid of the VIP team' | site.default_team_id
 */
export function teamForVisitor(site: Pick<SiteRow, 'default_team_id' | 'routing_rules'>, visitor: Pick<VisitorRow, 'vip'>): string | null {
  const vipTeam = site.routing_rules?.vipTeamId ?? null;
  return visitor.vip && vipTeam ? vipTeam : site.default_team_id;
}

/**
 * The team proposed for a new complaint of `category` on the site (its routing rule), or null when
 * the site has none (the judgement names the responsible team then).
 */
export async function teamForComplaint(db: DbOrTrx, siteId: string | null, category: string): Promise<string | null> {
  if (!siteId) return null;
  const site = await db.selectFrom('sites').select('routing_rules').where('id', '=', siteId).executeTakeFirst();
  const teamId = site?.routing_rules?.categoryTeams?.[category];
  if (!teamId) return null;
  // A team removed since the rule was saved routes nowhere rather than failing the filing.
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  return team?.id ?? null;
}
