// Import into the servers under test for a sampling heap profile of a window of the run:
//   HEAP_START=80 HEAP_DUR=40 HEAP_KEEP=promoted NODE_OPTIONS="--import $PWD/bench/load/heap-sample.mjs" node bench/load/run.mjs ...
// writes /tmp/<kefu|baseline>-<pid>.heapprofile (HEAP_DIR to change), which Chrome DevTools opens and
// bench/heap-summary.mjs sums. HEAP_KEEP: `all` counts every allocation, `promoted` what no scavenge
// collected (it outlived the young generation), `live` only what is still alive at the end.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const target = process.argv.some((a) => a.endsWith('baseline-server.mjs')) ? 'baseline' : process.argv.some((a) => a.endsWith('src/index.ts')) ? 'kefu' : null;
if (target) {
  const start = Number(process.env.HEAP_START ?? 25);
  const duration = Number(process.env.HEAP_DUR ?? 10);
  const keep = process.env.HEAP_KEEP ?? 'all';
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));
  setTimeout(async () => {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: keep !== 'live',
      includeObjectsCollectedByMinorGC: keep === 'all',
    });
    setTimeout(async () => {
      const { profile } = await post('HeapProfiler.stopSampling');
      writeFileSync(join(process.env.HEAP_DIR ?? '/tmp', `${target}-${process.pid}.heapprofile`), JSON.stringify(profile));
    }, duration * 1000).unref();
  }, start * 1000).unref();
}
