// Preload for the server process (NODE_OPTIONS="--import ./bench/load/count-queries.mjs"): records every
// query it sends to PostgreSQL (time, text, duration) and writes them to /tmp/queries-<pid>.json on exit.
// Summarise with bench/load/query-summary.mjs (add COUNT_QUERIES_STACK=1 and --by-caller to see where they come from). Benchmarks only; other processes ignore it.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
if (process.argv.some((a) => a.endsWith('src/index.ts'))) {
  const pg = createRequire(`${process.cwd()}/package.json`)('pg');
  const log = [];
  // COUNT_QUERIES_STACK=1 adds the server's own frames that led to each statement (slower; for attribution).
  const withStack = process.env.COUNT_QUERIES_STACK === '1';
  if (withStack) Error.stackTraceLimit = 60;
  const callers = (stack) => stack.split('\n').filter((l) => l.includes('/server/src/')).slice(0, 7).map((l) => l.trim().replace(/^at /, '').replace(/\(?\/.*\/server\/src\//, '').replace(/\)$/, '')).join(' < ');
  const orig = pg.Client.prototype.query;
  pg.Client.prototype.query = function (q, ...rest) {
    const text = typeof q === 'string' ? q : q?.text ?? '?';
    const e = [Date.now(), text.replace(/\s+/g, ' ').slice(0, 160), -1];
    if (withStack) e.push(callers(new Error().stack));
    log.push(e);
    const t0 = performance.now();
    const r = orig.call(this, q, ...rest);
    if (r && typeof r.then === 'function') r.then(() => { e[2] = performance.now() - t0; }, () => { e[2] = -2; });
    return r;
  };
  process.on('exit', () => writeFileSync(`/tmp/queries-${process.pid}.json`, JSON.stringify(log)));
}
