// Starting the servers under test: a fresh PostgreSQL database, a Kefu (or baseline) process, agents.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { requireFromServer, ROOT, sleep } from './lib.mjs';

const pg = requireFromServer('pg');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const dbUrl = (name) => PG_URL.replace(/\/[^/]*$/, `/${name}`);

export async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

export async function freshDatabase(name) {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

/**
 * PostgreSQL's own counters, for one measured window: WAL written (the whole cluster; during a
 * window only the measured server writes) and the buffers the checkpointer wrote. A window in which
 * a checkpoint is writing runs slower for either server (docs/benchmarks.md, "Checkpoints").
 */
export async function postgresCounters() {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const { rows } = await c.query(`select w.wal_records::float8 as records, w.wal_fpi::float8 as fpi, w.wal_bytes::float8 as bytes,
      b.buffers_checkpoint::float8 as checkpoint_buffers, (b.checkpoints_timed + b.checkpoints_req)::float8 as checkpoints
      from pg_stat_wal w, pg_stat_bgwriter b`);
    return rows[0];
  } finally {
    await c.end();
  }
}

/** Spawns a server process (plain node, so its pid is the server's own) and waits for /healthz. */
export async function startServer(target, port, databaseUrl, opts = {}) {
  const profArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];
  const [cmd, argv, cwd] =
    target === 'kefu'
      ? [process.execPath, [...profArgs, ...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/index.ts'], opts.serverDir ?? join(ROOT, 'server')]
      : [process.execPath, [...profArgs, join(ROOT, 'bench/load/baseline-server.mjs')], ROOT];
  let out = '';
  const child = spawn(cmd, argv, {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      KEFU_ADMIN_EMAIL: 'admin@bench.local',
      KEFU_ADMIN_PASSWORD: 'bench-admin-password',
      KEFU_ASSIGN_TIMEOUT_SECONDS: '3600',
      // One process: no fan-out between processes unless --cluster; the load comes from one address.
      KEFU_CLUSTER: opts.cluster ? '1' : '0',
      ...opts.env,
      // Off by default: all the load comes from one address. BENCH_RATE_LIMIT_SCALE=1000 keeps the
      // limiters counting (their statements per message) without refusing the load.
      KEFU_RATE_LIMIT_SCALE: process.env.BENCH_RATE_LIMIT_SCALE ?? '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_SERVER_LOG=DIR: each server's whole output also goes to DIR/<target>-<pid>.log (e.g. V8's --trace-gc).
  const log = process.env.BENCH_SERVER_LOG ? createWriteStream(join(process.env.BENCH_SERVER_LOG, `${target}-${child.pid}.log`)) : null;
  child.stdout.on('data', (d) => (log ? log.write(d) : (out += d)));
  child.stderr.on('data', (d) => {
    out += d;
    log?.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${target} exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    if (i > 600) throw new Error(`${target} did not start:\n${out}`);
    await sleep(100);
  }
  return {
    url,
    pid: child.pid,
    output: () => out,
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export async function api(url, path, body, token) {
  const res = await fetch(`${url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  if (!json.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

/** Agents with enough capacity for N conversations (50 each, the maximum), signed in. */
export async function makeAgents(target, url, n) {
  const count = Math.ceil(n / 40);
  if (target === 'baseline') return Array.from({ length: count }, (_, i) => ({ id: `agent-${i}`, token: `agent-${i}` }));
  const { token: adminToken } = await api(url, '/api/auth/login', { email: 'admin@bench.local', password: 'bench-admin-password' });
  const { teams } = await api(url, '/api/teams', undefined, adminToken);
  const team = teams.find((t) => t.name === 'Support');
  const agents = [];
  for (let i = 0; i < count; i++) {
    const email = `agent${i}@bench.local`;
    const { user } = await api(url, '/api/users', { email, name: `Agent ${i}`, password: 'bench-password', role: 'agent', maxConcurrent: 50, teamIds: [team.id] }, adminToken);
    const { token } = await api(url, '/api/auth/login', { email, password: 'bench-password' });
    agents.push({ id: user.id, token });
  }
  return agents;
}

