import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a long-running server, set before anything else loads (the first import of
 * index.ts). `--no-allocation-site-pretenuring`: V8 watches which allocation sites' objects survive
 * young-generation collections and, past a threshold, allocates that site's objects straight into the
 * old generation from then on. A burst of slow requests — 5,000 conversations opening at once, a
 * reconnect storm after a deploy — makes the message path's sites look long-lived; V8 tenures them
 * and in our runs kept them so, so afterwards every message's short-lived objects went to the old
 * generation (3.2 MB/s at 1,000 msg/s) and each scavenge had to scan them (5 ms on average, up to
 * 35 ms). Without pretenuring a third to a half as much is promoted, and in alternating runs at N = 5,000 the
 * p50 went from 1.3–1.6 to 1.0–1.4 ms (docs/benchmarks.md, "3 December, midday").
 */
setFlagsFromString('--no-allocation-site-pretenuring');
