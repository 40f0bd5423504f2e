// First: V8 settings must be in place before the rest of the server allocates anything.
import './platform/v8-flags';
import { readConfig } from './platform/config';
import { startServer } from './server';

const config = readConfig();
const server = await startServer(config);
console.log(`Kefu is running on ${server.url} (database: ${server.ctx.dbKind})`);
if (config.demo) console.log(`  Demo site with the widget: ${server.url}/demo`);
console.log(`  Portal: ${server.url}/portal/  (sign in as ${config.adminEmail})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
