import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ZAgentScorecardQuery, ZLocale, ZReportQuery, ZReportSection, type TLocale } from '@kefu/shared';
import { recordAudit } from '../audit/audit.service';
import { requirePermission, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import { reportCsv, scorecardCsv } from './reports.csv';
import { agentScorecard } from './reports.scorecard';
import { buildReport } from './reports.service';

const ZCsvOptions = z.object({ locale: ZLocale.optional(), section: ZReportSection.optional() });

function csvResponse(c: Context<AppEnv>, body: string, fileName: string): Response {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'no-store',
  });
}

async function auditExport(c: Context<AppEnv>, what: string, detail: Record<string, unknown>): Promise<void> {
  const ctx = c.var.ctx;
  const ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
  await recordAudit(ctx.db, { actorId: c.var.agent.id, action: 'data.exported', targetType: what, detail, ip }, ctx.clock());
}

function localeOf(c: Context<AppEnv>, asked: TLocale | undefined): TLocale {
  return asked ?? (c.req.header('accept-language')?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
}

/** Reports and the agent scorecard (docs/metrics.md), for roles holding `reports.view`; CSV exports are audited. */
export const reportsRoutes = new Hono<AppEnv>()
  .use(requirePermission('reports.view'))
  .get('/', async (c) => {
    const q = parseInput(ZReportQuery, c.req.query());
    return c.json({ ok: true as const, report: await buildReport(c.var.ctx.db, { ...q, now: c.var.ctx.clock() }) });
  })
  .get('/filters', async (c) => {
    const db = c.var.ctx.db;
    const [sites, teams, agents] = [
      await db.selectFrom('sites').select(['id', 'name']).orderBy('name').execute(),
      await db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute(),
      await db.selectFrom('users').select(['id', 'name']).where('active', '=', true).orderBy('name').execute(),
    ];
    return c.json({ ok: true as const, filters: { sites, teams, agents } });
  })
  .get('/export.csv', async (c) => {
    const q = parseInput(ZReportQuery, c.req.query());
    const { locale, section } = parseInput(ZCsvOptions, { locale: c.req.query('locale'), section: c.req.query('section') });
    const report = await buildReport(c.var.ctx.db, { ...q, now: c.var.ctx.clock() });
    await auditExport(c, 'report', { ...report.query, section: section ?? null, rows: report.rows.length });
    const name = `kefu-report-${section ? `${section}-` : ''}${q.groupBy}-${q.from}-${q.to}.csv`;
    return csvResponse(c, reportCsv(report, localeOf(c, locale), section), name);
  })
  .get('/scorecard', async (c) => {
    const q = parseInput(ZAgentScorecardQuery, c.req.query());
    return c.json({ ok: true as const, scorecard: await agentScorecard(c.var.ctx.db, { ...q, now: c.var.ctx.clock() }) });
  })
  .get('/scorecard/export.csv', async (c) => {
    const q = parseInput(ZAgentScorecardQuery, c.req.query());
    const { locale } = parseInput(ZCsvOptions, { locale: c.req.query('locale') });
    const card = await agentScorecard(c.var.ctx.db, { ...q, now: c.var.ctx.clock() });
    await auditExport(c, 'scorecard', { month: q.month, timeZone: q.timeZone, agentId: q.agentId ?? null });
    return csvResponse(c, scorecardCsv(card, localeOf(c, locale)), `kefu-scorecard-${q.month}.csv`);
  });
