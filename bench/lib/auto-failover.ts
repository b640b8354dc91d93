/**
 * A pg_auto_failover cluster on loopback for the failover benchmark: a monitor, a primary and a
 * standby (`pg_autoctl`, Debian package postgresql-NN-auto-failover), each in a directory under
 * one temporary directory, each on a free port, with synchronous replication (the default of
 * pg_auto_failover: `synchronous_standby_names = 'ANY 1 (…)'` once the standby is in the quorum).
 *
 * PostgreSQL refuses to run as root: as root, every command runs as the `postgres` user
 * (runuser). `pg_autoctl` keeps its configuration and state under XDG directories, which point
 * into the temporary directory too, so nothing is left elsewhere. `stop()` (or, on an abrupt exit
 * of the bench, a synchronous last resort) stops every process started here and removes the
 * directory, in bounded time.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { progress } from './report.ts';
import { freePort } from './server.ts';

export interface ClusterNode {
  name: string;
  port: number;
  dataDir: string;
}

export interface NodeState {
  name: string;
  port: number;
  reported: string;
  assigned: string;
}

export interface Cluster {
  monitorPort: number;
  nodes: ClusterNode[];
  /** A libpq-style URL naming both nodes, with target_session_attrs=read-write (and `params`). */
  url(params?: Record<string, string>): string;
  /** What the monitor says of each node. */
  states(): Promise<NodeState[]>;
  /** The node the monitor holds as primary (reported and assigned), if any. */
  primary(): Promise<ClusterNode | undefined>;
  /** Waits until the monitor sees `test` hold, or fails after `timeoutMs`. */
  waitFor(what: string, test: (states: NodeState[]) => boolean, timeoutMs: number): Promise<NodeState[]>;
  /** The monitor's events since `since` (what it decided, when), oldest first. */
  eventsSince(since: Date): Promise<{ at: Date; node: string; description: string }[]>;
  /** SIGKILL to the postmaster of `node` (its backends follow); the pid killed. */
  killPostgres(node: ClusterNode): number;
  /** Stops everything and removes the directory; bounded in time, never throws. */
  stop(): Promise<void>;
}

const DATABASE = 'osiedle';
const isRoot = process.getuid?.() === 0;

/** The PostgreSQL version whose pgautofailover extension is installed, and its bin directory. */
function findPostgres(): { version: string; bin: string } {
  const override = process.env.BENCH_PG_BINDIR;
  const candidates = readdirSafe('/usr/lib/postgresql')
    .filter((version) => existsSync(`/usr/share/postgresql/${version}/extension/pgautofailover.control`))
    .sort((a, b) => Number(b) - Number(a));
  const version = candidates[0];
  const bin = override ?? (version ? `/usr/lib/postgresql/${version}/bin` : undefined);
  const autoctl = spawnSync('pg_autoctl', ['--version'], { encoding: 'utf8' });
  if (!bin || !existsSync(join(bin, 'pg_ctl')) || autoctl.status !== 0) {
    throw new Error(
      'failover needs pg_auto_failover: apt-get install postgresql-15-auto-failover (pg_autoctl on the PATH, ' +
        'its extension in /usr/share/postgresql/NN/extension; BENCH_PG_BINDIR may name the PostgreSQL bin directory)',
    );
  }
  return { version: version ?? '?', bin };
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

export async function startCluster(): Promise<Cluster> {
  const { version, bin } = findPostgres();
  const root = mkdtempSync(join(tmpdir(), 'osiedle-failover-'));
  let owner: { uid: number; gid: number } | undefined;
  if (isRoot) {
    owner = {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
    chownSync(root, owner.uid, owner.gid);
  }
  const xdg = [
    `XDG_CONFIG_HOME=${root}/xdg/config`,
    `XDG_DATA_HOME=${root}/xdg/data`,
    `XDG_RUNTIME_DIR=${root}/xdg/run`,
  ];
  /** argv that runs `args` as the cluster's user with the XDG directories set. */
  const command = (args: string[]) => [...(isRoot ? ['runuser', '-u', 'postgres', '--'] : []), 'env', ...xdg, ...args];
  const pgctl = join(bin, 'pg_ctl');
  const runs: { node: string; child: ChildProcess; exited: Promise<void> }[] = [];
  const ports = { monitor: await freePort(), node1: await freePort(), node2: await freePort() };
  const nodes: ClusterNode[] = [
    { name: 'node1', port: ports.node1, dataDir: join(root, 'node1') },
    { name: 'node2', port: ports.node2, dataDir: join(root, 'node2') },
  ];
  const monitorDir = join(root, 'monitor');
  const monitorUrl = `postgres://autoctl_node@127.0.0.1:${ports.monitor}/pg_auto_failover?sslmode=disable`;

  /** Runs a command to its end (bounded); its output goes to `log` in the directory. */
  const runToEnd = async (name: string, args: string[], timeoutMs: number) => {
    const logFd = openSync(join(root, `${name}.log`), 'a');
    const [file, ...rest] = command(args);
    const child = spawn(file as string, rest, { stdio: ['ignore', logFd, logFd], cwd: root });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (exitCode) => resolve(exitCode));
      child.once('error', () => resolve(-1));
    });
    clearTimeout(timer);
    if (code !== 0) {
      const tail = readFileSync(join(root, `${name}.log`), 'utf8')
        .split('\n')
        .slice(-15)
        .join('\n');
      throw new Error(`${args.slice(0, 3).join(' ')} failed (exit ${code}):\n${tail}`);
    }
  };
  /** Starts `pg_autoctl run` for a data directory, kept running until stop(). */
  const runNode = (name: string, dataDir: string) => {
    const logFd = openSync(join(root, `${name}.log`), 'a');
    const [file, ...rest] = command(['pg_autoctl', 'run', '--pgdata', dataDir]);
    const child = spawn(file as string, rest, { stdio: ['ignore', logFd, logFd], cwd: root, detached: true });
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    runs.push({ node: name, child, exited });
  };

  const query = async <T extends pg.QueryResultRow>(port: number, database: string, sql: string) => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database,
      connectionTimeoutMillis: 3000,
    });
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end().catch(() => {});
    }
  };

  const states = async (): Promise<NodeState[]> =>
    (
      await query<{ nodename: string; nodeport: number; reportedstate: string; goalstate: string }>(
        ports.monitor,
        'pg_auto_failover',
        'select nodename, nodeport, reportedstate::text, goalstate::text from pgautofailover.node order by nodeid',
      )
    ).map((row) => ({ name: row.nodename, port: row.nodeport, reported: row.reportedstate, assigned: row.goalstate }));

  let stopped = false;
  /** Last resort, synchronous: for an exit of the bench in the middle of things. */
  const killNow = () => {
    if (stopped) return;
    stopped = true;
    for (const dir of [...nodes.map((n) => n.dataDir), monitorDir]) stopPostgresNow(command, pgctl, dir);
    killProcessesUnder(root);
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', killNow);

  const cluster: Cluster = {
    monitorPort: ports.monitor,
    nodes,
    url(params = {}) {
      const query = new URLSearchParams({ target_session_attrs: 'read-write', ...params });
      return `postgres://postgres@${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}/${DATABASE}?${query}`;
    },
    states,
    async primary() {
      const primary = (await states()).find((s) => s.reported === 'primary' && s.assigned === 'primary');
      return nodes.find((node) => node.port === primary?.port);
    },
    async waitFor(what, test, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let last: NodeState[] = [];
      for (;;) {
        try {
          last = await states();
          if (test(last)) return last;
        } catch {
          // The monitor may not answer yet.
        }
        if (Date.now() > deadline) {
          throw new Error(`pg_auto_failover: no ${what} within ${timeoutMs / 1000} s (${describeStates(last)})`);
        }
        await sleep(250);
      }
    },
    async eventsSince(since) {
      const rows = await query<{ at: Date; node: string; description: string }>(
        ports.monitor,
        'pg_auto_failover',
        `select eventtime as at, nodename as node, description from pgautofailover.event
          where eventtime >= to_timestamp(${since.getTime() / 1000}) order by eventid limit 40`,
      );
      return rows.map((row) => ({ ...row, description: row.description.replace(/\s+/g, ' ').slice(0, 160) }));
    },
    killPostgres(node) {
      const pid = Number(readFileSync(join(node.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    async stop() {
      if (stopped) return;
      const started = performance.now();
      // pg_autoctl stops its Postgres (fast shutdown) when asked; at most 20 s for all.
      await Promise.all(
        runs.map(async (run) => {
          const dir = run.node === 'monitor' ? monitorDir : join(root, run.node);
          await runToEnd(`${run.node}-stop`, ['pg_autoctl', 'stop', '--pgdata', dir], 10_000).catch(() => {});
          await Promise.race([run.exited, sleep(10_000, undefined, { ref: false })]);
        }),
      );
      process.removeListener('exit', killNow);
      killNow();
      progress(`failover: cluster stopped and removed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
  };

  try {
    const started = performance.now();
    progress(`failover: pg_auto_failover with PostgreSQL ${version} in ${root}`);
    await runToEnd(
      'monitor',
      [
        'pg_autoctl',
        'create',
        'monitor',
        '--pgctl',
        pgctl,
        '--pgdata',
        monitorDir,
        '--pgport',
        String(ports.monitor),
        '--hostname',
        '127.0.0.1',
        '--auth',
        'trust',
        '--no-ssl',
      ],
      120_000,
    );
    runNode('monitor', monitorDir);
    await waitUntil('the monitor', () => query(ports.monitor, 'pg_auto_failover', 'select 1'), 60_000);
    for (const node of nodes) {
      await runToEnd(
        node.name,
        [
          'pg_autoctl',
          'create',
          'postgres',
          '--pgctl',
          pgctl,
          '--pgdata',
          node.dataDir,
          '--pgport',
          String(node.port),
          '--hostname',
          '127.0.0.1',
          '--name',
          node.name,
          '--auth',
          'trust',
          '--no-ssl',
          '--dbname',
          DATABASE,
          '--monitor',
          monitorUrl,
        ],
        180_000,
      );
      runNode(node.name, node.dataDir);
      if (node === nodes[0]) {
        // Alone, the first node is `single`; it becomes `primary` once the standby has joined.
        await cluster.waitFor(
          'first node',
          (s) => s.some((n) => n.reported === 'single' && n.assigned === 'single'),
          120_000,
        );
      }
    }
    await cluster.waitFor('primary and secondary', healthyPair, 180_000);
    // Synchronous replication: a commit returns once the standby has it.
    const primary = await cluster.primary();
    const sync = primary
      ? await waitUntil(
          'synchronous replication',
          async () => {
            const rows = await query<{ synchronous_standby_names: string }>(
              primary.port,
              DATABASE,
              'show synchronous_standby_names',
            );
            const names = rows[0]?.synchronous_standby_names;
            if (!names) throw new Error('synchronous_standby_names is empty');
            return names;
          },
          60_000,
        )
      : '?';
    progress(
      `failover: cluster ready in ${((performance.now() - started) / 1000).toFixed(1)} s: monitor :${ports.monitor}, ` +
        `${describeStates(await states())}; synchronous_standby_names = '${sync}'`,
    );
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** One node primary, the other secondary, as the monitor sees it. */
export function healthyPair(states: NodeState[]): boolean {
  return (
    states.length === 2 &&
    states.some((s) => s.reported === 'primary' && s.assigned === 'primary') &&
    states.some((s) => s.reported === 'secondary' && s.assigned === 'secondary')
  );
}

export function describeStates(states: NodeState[]): string {
  return states
    .map((s) => `${s.name} :${s.port} ${s.reported}${s.assigned !== s.reported ? `→${s.assigned}` : ''}`)
    .join(', ');
}

async function waitUntil<T>(what: string, attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000} s: ${error}`);
      await sleep(250);
    }
  }
}

/** `pg_ctl stop -m immediate` for a data directory whose postmaster may still run. */
function stopPostgresNow(command: (args: string[]) => string[], pgctl: string, dataDir: string): void {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  const [file, ...rest] = command([pgctl, 'stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10']);
  spawnSync(file as string, rest, { stdio: 'ignore', timeout: 15_000 });
}

/**
 * SIGKILL to every process whose command line names the cluster's directory (pg_autoctl and its
 * services, postmasters): only processes this module started, found by their unique path.
 */
function killProcessesUnder(root: string): void {
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(root)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // Gone already, or not ours to read.
    }
  }
}
