import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a long-running server, set before anything else loads (the first import of
 * index.ts). `--no-allocation-site-pretenuring`: V8 watches which allocation sites' objects survive
 * young-generation collections and, past a threshold, allocates that site's objects straight into the
 * old generation from then on. A burst of slow requests — 5,000 conversations opening at once, a
 * reconnect storm after a deploy — makes the message path's sites look long-lived; V8 tenures them
 * and never takes it back, so afterwards every message's short-lived objects filled the old
 * generation (3 MB/s at 1,000 msg/s), each scavenge had to scan them (5 ms on average, up to 35 ms)
 * and RSS grew to 680 MB. Without pretenuring the old generation stays flat and the p50 at N = 5,000
 * fell from 1.8–2.0 to 1.3–1.5 ms (docs/benchmarks.md, 3 December).
 */
setFlagsFromString('--no-allocation-site-pretenuring');
