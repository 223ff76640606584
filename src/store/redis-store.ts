import { Cluster, Redis } from 'ioredis';
import type { Store } from './store.js';

type Client = Redis | Cluster;

/**
 * The production store on Redis (ioredis), shared by every instance of the bot.
 * Every key gets the deployment prefix here (not ioredis' keyPrefix, which Cluster handles poorly).
 *
 * URLs accepted by fromUrl:
 *   redis://[:password@]host:port[/db]         one server (rediss:// for TLS)
 *   redis+sentinel://host1:26379,host2:26379/mymaster   Sentinel, master name as the path
 *   redis+cluster://host1:6379,host2:6379      Cluster, seed nodes
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;

  /** The last connection error, for health checks and logs (ioredis reconnects on its own). */
  lastError: Error | null = null;

  constructor(
    readonly client: Client,
    private readonly prefix: string,
  ) {
    // Without a listener ioredis prints every failed reconnect as an unhandled error.
    client.on('error', (e: Error) => {
      this.lastError = e;
    });
    client.on('ready', () => {
      this.lastError = null;
    });
  }

  static fromUrl(url: string, prefix: string): RedisStore {
    // Fail fast while Redis is down instead of queueing commands for ever.
    const common = { maxRetriesPerRequest: 2, connectTimeout: 3000, enableOfflineQueue: true, lazyConnect: false } as const;
    const u = new URL(url);
    if (u.protocol === 'redis+sentinel:') {
      // URL parsing keeps the comma-separated host list in `host` only for special schemes; read it raw.
      const m = /^redis\+sentinel:\/\/([^/]+)\/([^/?]+)/.exec(url);
      if (!m) throw new Error('REDIS_URL: redis+sentinel://host:port[,host:port]/masterName expected');
      const sentinels = m[1]!.split(',').map((h) => ({ host: h.split(':')[0]!, port: Number(h.split(':')[1] ?? 26379) }));
      return new RedisStore(new Redis({ ...common, sentinels, name: decodeURIComponent(m[2]!) }), prefix);
    }
    if (u.protocol === 'redis+cluster:') {
      const m = /^redis\+cluster:\/\/([^/?]+)/.exec(url);
      const nodes = (m?.[1] ?? '').split(',').map((h) => ({ host: h.split(':')[0]!, port: Number(h.split(':')[1] ?? 6379) }));
      return new RedisStore(new Cluster(nodes, { redisOptions: common }), prefix);
    }
    return new RedisStore(new Redis(url, common), prefix);
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
