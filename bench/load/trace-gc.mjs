// Import into the servers under test to have V8 print every collection (phases, sizes, promotion):
//   BENCH_SERVER_LOG=/tmp/slog NODE_OPTIONS="--import $PWD/bench/load/trace-gc.mjs" node bench/load/run.mjs --n 5000 ...
// Only the server processes trace (Kefu's src/index.ts and the baseline), not the load generators.
import { setFlagsFromString } from 'node:v8';

if (process.argv.some((a) => a.endsWith('src/index.ts') || a.endsWith('baseline-server.mjs'))) setFlagsFromString('--trace-gc-nvp');
