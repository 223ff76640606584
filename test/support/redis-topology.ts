import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './smtp-sink.js';

/**
 * Real Redis topologies for tests, started from the installed redis-server on random loopback
 * ports in a temporary folder, and removed afterwards: a 3-master Cluster, and a Sentinel set
 * (master, replica, 3 Sentinels).
 */

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
const REDIS_CLI = process.env.REDIS_CLI_BIN ?? '/usr/bin/redis-cli';
const run = promisify(execFile);

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One command on a short-lived connection (no retries: a node that is down fails at once). */
export async function command(port: number, ...args: Array<string | number>): Promise<unknown> {
  const c = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  c.on('error', () => {});
  try {
    await c.connect();
    return await c.call(String(args[0]), ...args.slice(1).map(String));
  } finally {
    c.disconnect();
  }
}

export class RedisNode {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly port: number,
    private readonly args: string[],
  ) {}

  async start(): Promise<void> {
    const p = spawn(REDIS_SERVER, this.args, { stdio: 'ignore' });
    this.proc = p;
    this.exited = new Promise((r) => p.once('exit', () => r()));
    await until(`redis-server on ${this.port}`, async () => ((await command(this.port, 'PING')) === 'PONG' ? true : undefined), 15_000);
  }

  /** SIGKILL, like a crashed host: nothing is flushed. */
  async kill(): Promise<void> {
    this.proc?.kill('SIGKILL');
    await this.exited;
    this.proc = null;
  }

  async stop(): Promise<void> {
    if (this.proc === null) return;
    this.proc.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000).unref())]);
    if (!done) await this.kill();
    this.proc = null;
  }
}

const common = (dir: string, port: number): string[] => ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--daemonize', 'no', '--logfile', join(dir, `${port}.log`)];

export interface ClusterSet {
  nodes: RedisNode[];
  url: string;
  /** The node that serves `key`'s slot. */
  nodeFor(key: string): Promise<RedisNode>;
  /** Waits until every running node reports cluster_state:ok (or `state`). */
  waitState(state: 'ok' | 'fail', among?: RedisNode[]): Promise<void>;
  close(): Promise<void>;
}

/** Three masters, no replicas, node timeout 1 s (so a dead master is noticed quickly). */
export async function startCluster(): Promise<ClusterSet> {
  const dir = await mkdtemp(join(tmpdir(), 'telework-cluster-'));
  const nodes: RedisNode[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const bus = await freePort();
      const nodeDir = join(dir, String(i));
      await mkdir(nodeDir);
      // appendonly as in production: a killed master comes back with its data.
      const n = new RedisNode(port, [...common(nodeDir, port), '--appendonly', 'yes', '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '1000', '--cluster-port', String(bus)]);
      await n.start();
      nodes.push(n);
    }
    await run(REDIS_CLI, ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-yes'], { timeout: 20_000 });
    const set: ClusterSet = {
      nodes,
      url: `redis+cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`,
      async nodeFor(key) {
        const slot = Number(await command(nodes[0]!.port, 'CLUSTER', 'KEYSLOT', key));
        const shards = (await command(nodes[0]!.port, 'CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
        const owner = shards.find(([from, to]) => slot >= from && slot <= to);
        const n = nodes.find((x) => x.port === owner?.[2][1]);
        if (n === undefined) throw new Error(`no node serves slot ${slot}`);
        return n;
      },
      async waitState(state, among = nodes) {
        await until(`cluster_state:${state}`, async () => {
          for (const n of among) {
            const info = String(await command(n.port, 'CLUSTER', 'INFO'));
            if (!info.includes(`cluster_state:${state}`)) return undefined;
          }
          return true;
        });
      },
      async close() {
        await Promise.all(nodes.map((n) => n.stop()));
        await rm(dir, { recursive: true, force: true });
      },
    };
    await set.waitState('ok');
    return set;
  } catch (e) {
    await Promise.all(nodes.map((n) => n.stop()));
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface SentinelSet {
  master: RedisNode;
  replica: RedisNode;
  sentinels: RedisNode[];
  name: string;
  url: string;
  /** The port Sentinel names as master now. */
  masterPort(): Promise<number>;
  close(): Promise<void>;
}

/** A master, one replica and three Sentinels (quorum 2, down-after 1 s). */
export async function startSentinelSet(name = 'mymaster'): Promise<SentinelSet> {
  const dir = await mkdtemp(join(tmpdir(), 'telework-sentinel-'));
  const all: RedisNode[] = [];
  try {
    const mPort = await freePort();
    const master = new RedisNode(mPort, common(dir, mPort));
    await master.start();
    all.push(master);
    const rPort = await freePort();
    const replica = new RedisNode(rPort, [...common(dir, rPort), '--replicaof', '127.0.0.1', String(mPort)]);
    await replica.start();
    all.push(replica);
    await until('the replica in sync', async () => (String(await command(rPort, 'INFO', 'replication')).includes('master_link_status:up') ? true : undefined));
    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(dir, `sentinel-${i}.conf`);
      await writeFile(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `logfile ${join(dir, `sentinel-${i}.log`)}`,
          `sentinel monitor ${name} 127.0.0.1 ${mPort} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const s = new RedisNode(port, [conf, '--sentinel']);
      await s.start();
      sentinels.push(s);
      all.push(s);
    }
    // Ready for a failover once every Sentinel knows the replica and the other Sentinels.
    for (const s of sentinels) {
      await until('Sentinels that know the replica and each other', async () => {
        const replicas = (await command(s.port, 'SENTINEL', 'REPLICAS', name)) as unknown[];
        const peers = (await command(s.port, 'SENTINEL', 'SENTINELS', name)) as unknown[];
        return replicas.length >= 1 && peers.length >= 2 ? true : undefined;
      });
    }
    return {
      master,
      replica,
      sentinels,
      name,
      url: `redis+sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${name}`,
      async masterPort() {
        const [, port] = (await command(sentinels[0]!.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
        return Number(port);
      },
      async close() {
        await Promise.all(all.map((n) => n.stop()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await Promise.all(all.map((n) => n.stop()));
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
