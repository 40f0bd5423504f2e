// Preload for the server process (NODE_OPTIONS="--import ./bench/load/count-queries.mjs"): records every
// query it sends to PostgreSQL (time, text, duration) and writes them to /tmp/queries-<pid>.json on exit.
// Summarise with bench/load/query-summary.mjs. Benchmarks only; other processes ignore it.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
if (process.argv.some((a) => a.endsWith('src/index.ts'))) {
  const pg = createRequire(`${process.cwd()}/package.json`)('pg');
  const log = [];
  const orig = pg.Client.prototype.query;
  pg.Client.prototype.query = function (q, ...rest) {
    const text = typeof q === 'string' ? q : q?.text ?? '?';
    const e = [Date.now(), text.replace(/\s+/g, ' ').slice(0, 160), -1];
    log.push(e);
    const t0 = performance.now();
    const r = orig.call(this, q, ...rest);
    if (r && typeof r.then === 'function') r.then(() => { e[2] = performance.now() - t0; }, () => { e[2] = -2; });
    return r;
  };
  process.on('exit', () => writeFileSync(`/tmp/queries-${process.pid}.json`, JSON.stringify(log)));
}
