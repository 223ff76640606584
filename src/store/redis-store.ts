import { isIP } from 'node:net';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl, type RedisTarget } from './redis-url.js';
import type { Store, StoreCondition, StoreOp } from './store.js';
import { ReplicationError } from './unavailable.js';

/**
 * Conditions then writes, atomically (Redis runs a script without interleaving).
 * KEYS: condition keys then op keys; ARGV[1]: JSON {c: [equals|false], o: [[op, arg, ttl]]}.
 */
const TRANSACTION_LUA = `
local spec = cjson.decode(ARGV[1])
local nc = #spec.c
for i = 1, nc do
  local want = spec.c[i]
  local have = redis.call('GET', KEYS[i])
  if want == false then
    if have then return 0 end
  elseif have ~= want then
    return 0
  end
end
for i, o in ipairs(spec.o) do
  local k = KEYS[nc + i]
  local op = o[1]
  if op == 'set' then
    if o[3] and o[3] > 0 then redis.call('SET', k, o[2], 'PX', o[3]) else redis.call('SET', k, o[2]) end
  elseif op == 'del' then redis.call('DEL', k)
  elseif op == 'listPush' then redis.call('RPUSH', k, o[2])
  elseif op == 'setAdd' then redis.call('SADD', k, o[2])
  elseif op == 'setRemove' then redis.call('SREM', k, o[2])
  end
end
return 1
`;

type Client = Redis | Cluster;

/**
 * How many replicas must confirm a transaction (ticket, reminder writes) before it counts as
 * done, and for how long to wait (Redis WAIT). 0 replicas: no waiting.
 */
export interface Durability {
  replicas: number;
  timeoutMs: number;
}

/**
 * The production store on Redis (ioredis), shared by every instance of the bot.
 * Every key gets the deployment prefix here (not ioredis' keyPrefix, which Cluster handles poorly).
 *
 * fromUrl takes every REDIS_URL form (one server, Sentinel, Cluster; see redis-url.ts).
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;

  /** The last connection error, for health checks and logs (ioredis reconnects on its own). */
  lastError: Error | null = null;

  constructor(
    readonly client: Client,
    private readonly prefix: string,
    private readonly durability: Durability = { replicas: 0, timeoutMs: 0 },
  ) {
    // Without a listener ioredis prints every failed reconnect as an unhandled error.
    client.on('error', (e: Error) => {
      this.lastError = e;
    });
    client.on('ready', () => {
      this.lastError = null;
    });
  }

  static fromUrl(url: string, prefix: string, durability?: Durability): RedisStore {
    // Fail fast while Redis is down instead of queueing commands for ever.
    return new RedisStore(createRedisClient(url, { maxRetriesPerRequest: 2, connectTimeout: 3000, enableOfflineQueue: true, lazyConnect: false }), prefix, durability);
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async set(key: string, value: string, opts: { ttlMs?: number } = {}): Promise<void> {
    if (opts.ttlMs !== undefined) await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(opts.ttlMs)));
    else await this.client.set(this.k(key), value);
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const r =
      ttlMs !== undefined
        ? await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')
        : await this.client.set(this.k(key), value, 'NX');
    return r === 'OK';
  }

  async del(key: string): Promise<void> {
    await this.client.del(this.k(key));
  }

  async incr(key: string): Promise<number> {
    return this.client.incr(this.k(key));
  }

  async listPush(key: string, value: string): Promise<void> {
    await this.client.rpush(this.k(key), value);
  }

  async listRange(key: string, start: number, stop: number): Promise<string[]> {
    return this.client.lrange(this.k(key), start, stop);
  }

  async setAdd(key: string, member: string): Promise<void> {
    await this.client.sadd(this.k(key), member);
  }

  async setRemove(key: string, member: string): Promise<void> {
    await this.client.srem(this.k(key), member);
  }

  async setMembers(key: string): Promise<string[]> {
    return this.client.smembers(this.k(key));
  }

  async transaction(ops: StoreOp[], conditions: StoreCondition[] = []): Promise<boolean> {
    const keys = [...conditions.map((c) => this.k(c.key)), ...ops.map((o) => this.k(o.key))];
    const spec = {
      // cjson turns JSON null into a sentinel, so "absent" travels as false.
      c: conditions.map((c) => (c.equals === null ? false : c.equals)),
      o: ops.map((o) => {
        switch (o.op) {
          case 'set':
            return ['set', o.value, o.ttlMs !== undefined ? Math.max(1, Math.round(o.ttlMs)) : 0];
          case 'del':
            return ['del', '', 0];
          case 'listPush':
            return ['listPush', o.value, 0];
          case 'setAdd':
          case 'setRemove':
            return [o.op, o.member, 0];
        }
      }),
    };
    if (this.durability.replicas === 0) return (await this.client.eval(TRANSACTION_LUA, keys.length, ...keys, JSON.stringify(spec))) === 1;
    // WAIT on the same connection right after the script: it covers this write and every earlier one
    // of this connection (the ticket counter's INCR too). A master cut off from its replicas (the
    // demoted side of a failover) cannot confirm, so the caller answers 503 instead of acknowledging
    // a write that is about to be discarded.
    const results = await this.client
      .pipeline()
      .eval(TRANSACTION_LUA, keys.length, ...keys, JSON.stringify(spec))
      .call('WAIT', this.durability.replicas, this.durability.timeoutMs)
      .exec();
    const [scriptErr, scriptResult] = results?.[0] ?? [new Error('Connection is closed.'), null];
    if (scriptErr) throw scriptErr;
    if (scriptResult !== 1) return false;
    const [waitErr, acked] = results?.[1] ?? [new Error('Connection is closed.'), null];
    if (waitErr) throw waitErr;
    if (typeof acked !== 'number' || acked < this.durability.replicas) throw new ReplicationError(this.durability.replicas, Number(acked) || 0, this.durability.timeoutMs);
    return true;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

/** Replies that mean "this node cannot take writes now"; reconnecting finds the new master. */
const RECONNECT_ON = /^(READONLY|LOADING|MASTERDOWN)/;

/**
 * A client for any REDIS_URL form (one server, Sentinel, Cluster), with the caller's options
 * (the store fails fast; BullMQ wants maxRetriesPerRequest: null).
 *
 * Sentinel clients subscribe to the Sentinels' +switch-master (failoverDetector), so a failover
 * is followed at once instead of writes going to the demoted master for seconds; a READONLY
 * reply (a write that reached a replica) reconnects and resends the command to the new master.
 */
export function createRedisClient(url: string, common: RedisOptions): Client {
  return createRedisClientFor(parseRedisUrl(url), common);
}

export function createRedisClientFor(t: RedisTarget, common: RedisOptions): Client {
  const auth = { ...(t.username !== undefined ? { username: t.username } : {}), ...(t.password !== undefined ? { password: t.password } : {}) };
  // Sentinel: reconnect (asking the Sentinels for the master) and resend the command (2). One server
  // cannot move, so it only reconnects (1) and the command fails with the reply: no resend loop.
  const reconnectOnError = (resend: 1 | 2) => (e: Error): 1 | 2 | false => (RECONNECT_ON.test(e.message) ? resend : false);
  switch (t.kind) {
    case 'single':
      return new Redis({ ...common, ...auth, host: t.host, port: t.port, db: t.db, reconnectOnError: reconnectOnError(1), ...(t.tls ? { tls: isIP(t.host) ? {} : { servername: t.host } } : {}) });
    case 'sentinel':
      return new Redis({
        ...common,
        ...auth,
        db: t.db,
        sentinels: t.sentinels,
        name: t.name,
        failoverDetector: true,
        reconnectOnError: reconnectOnError(2),
        ...(t.sentinelPassword !== undefined ? { sentinelPassword: t.sentinelPassword } : {}),
        ...(t.sentinelUsername !== undefined ? { sentinelUsername: t.sentinelUsername } : {}),
        ...(t.tls ? { tls: {}, enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
      });
    case 'cluster':
      return new Cluster(t.nodes, { redisOptions: { ...common, ...auth, ...(t.tls ? { tls: {} } : {}) } });
  }
}
