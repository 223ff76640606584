/**
 * REDIS_URL in every documented form, parsed by hand: Node's URL parser rejects the
 * comma-separated host lists of Sentinel and Cluster URLs ("Invalid URL").
 *
 *   redis://[[user]:password@]host[:port][/db]                    one server (rediss:// for TLS)
 *   redis+sentinel://[[user]:password@]h1:p1,h2:p2,…/name[/db]    Sentinel (rediss+sentinel:// for TLS)
 *   redis+cluster://[[user]:password@]h1:p1,h2:p2,…               Cluster seed nodes (rediss+cluster:// for TLS)
 *
 * Query options: `sentinelPassword` (and `sentinelUsername`) when the Sentinels want their own
 * credentials. Hosts may be names, IPv4 or bracketed IPv6 (`[::1]:6379`). Messages never repeat
 * the password.
 */

export interface HostPort {
  host: string;
  port: number;
}

interface Common {
  username?: string;
  password?: string;
  tls: boolean;
}

export type RedisTarget =
  | (Common & { kind: 'single'; host: string; port: number; db: number })
  | (Common & { kind: 'sentinel'; sentinels: HostPort[]; name: string; db: number; sentinelUsername?: string; sentinelPassword?: string })
  | (Common & { kind: 'cluster'; nodes: HostPort[] });

export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

const SCHEMES: Record<string, { kind: RedisTarget['kind']; tls: boolean; defaultPort: number }> = {
  redis: { kind: 'single', tls: false, defaultPort: 6379 },
  rediss: { kind: 'single', tls: true, defaultPort: 6379 },
  'redis+sentinel': { kind: 'sentinel', tls: false, defaultPort: 26379 },
  'rediss+sentinel': { kind: 'sentinel', tls: true, defaultPort: 26379 },
  'redis+cluster': { kind: 'cluster', tls: false, defaultPort: 6379 },
  'rediss+cluster': { kind: 'cluster', tls: true, defaultPort: 6379 },
};

const decode = (s: string, what: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new RedisUrlError(`the ${what} is not valid percent-encoding`);
  }
};

function hostPort(raw: string, defaultPort: number): HostPort {
  let host: string;
  let port: string | undefined;
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(.*))?$/.exec(raw);
  if (v6) {
    host = v6[1]!;
    port = v6[2];
  } else {
    const i = raw.lastIndexOf(':');
    host = i === -1 ? raw : raw.slice(0, i);
    port = i === -1 ? undefined : raw.slice(i + 1);
    if (!/^[A-Za-z0-9.-]+$/.test(host)) throw new RedisUrlError(`"${raw}" is not a host[:port]`);
  }
  if (host === '') throw new RedisUrlError(`"${raw}" has no host`);
  if (port === undefined || port === '') return { host, port: defaultPort };
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new RedisUrlError(`"${raw}" has a bad port`);
  return { host, port: Number(port) };
}

function dbNumber(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,2}$/.test(raw)) throw new RedisUrlError(`the database "${raw}" is not a number`);
  return Number(raw);
}

/** Parses REDIS_URL; throws RedisUrlError with a one-line reason (without secrets) when it is not usable. */
export function parseRedisUrl(url: string): RedisTarget {
  const m = /^([a-z+]+):\/\/(.*)$/i.exec(url.trim());
  if (!m) throw new RedisUrlError('must start with redis://, rediss://, redis+sentinel:// or redis+cluster://');
  const scheme = SCHEMES[m[1]!.toLowerCase()];
  if (scheme === undefined) throw new RedisUrlError(`unknown scheme "${m[1]}://" (redis://, rediss://, redis+sentinel://, redis+cluster://)`);
  let rest = m[2]!;
  if (/\s/.test(rest)) throw new RedisUrlError('must not contain white space');
  if (rest.includes('#')) throw new RedisUrlError('must not contain a fragment (#); percent-encode it in a password as %23');

  let query = '';
  const q = rest.indexOf('?');
  if (q !== -1) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  // Credentials end at the last "@" before the path (a password may contain "@" only percent-encoded, but be lenient).
  const slash = rest.indexOf('/', rest.lastIndexOf('@') + 1);
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash + 1);
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? null : authority.slice(0, at);
  const hosts = at === -1 ? authority : authority.slice(at + 1);

  const common: Common = { tls: scheme.tls };
  if (userinfo !== null) {
    const colon = userinfo.indexOf(':');
    const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
    const pass = colon === -1 ? undefined : userinfo.slice(colon + 1);
    if (pass === undefined) {
      // redis://secret@host is how some providers write a password without a user.
      if (user !== '') common.password = decode(user, 'password');
    } else {
      if (user !== '') common.username = decode(user, 'user name');
      if (pass !== '') common.password = decode(pass, 'password');
    }
  }

  const params = new URLSearchParams(query);
  for (const key of params.keys()) {
    if (!['sentinelPassword', 'sentinelUsername'].includes(key)) throw new RedisUrlError(`unknown option "${key}" (sentinelPassword, sentinelUsername)`);
  }
  if (hosts === '') throw new RedisUrlError('has no host');
  const list = hosts.split(',').map((h) => hostPort(h.trim(), scheme.defaultPort));

  switch (scheme.kind) {
    case 'single': {
      if (list.length > 1) throw new RedisUrlError('lists several hosts: use redis+sentinel:// or redis+cluster:// for those');
      if (params.size > 0) throw new RedisUrlError('Sentinel options need redis+sentinel://');
      if (path.includes('/')) throw new RedisUrlError('the path must be a database number');
      return { kind: 'single', ...common, ...list[0]!, db: dbNumber(path) };
    }
    case 'sentinel': {
      const [name, db, ...extra] = path.split('/');
      if (name === undefined || name === '') throw new RedisUrlError('needs the master name as the path: redis+sentinel://h1:26379,h2:26379/mymaster');
      if (extra.length > 0) throw new RedisUrlError('the path must be /masterName[/db]');
      const sentinelPassword = params.get('sentinelPassword') ?? undefined;
      const sentinelUsername = params.get('sentinelUsername') ?? undefined;
      return {
        kind: 'sentinel',
        ...common,
        sentinels: list,
        name: decode(name, 'master name'),
        db: dbNumber(db),
        ...(sentinelPassword !== undefined ? { sentinelPassword } : {}),
        ...(sentinelUsername !== undefined ? { sentinelUsername } : {}),
      };
    }
    case 'cluster': {
      if (path !== '') throw new RedisUrlError('takes no path (Cluster has no databases)');
      if (params.size > 0) throw new RedisUrlError('Sentinel options need redis+sentinel://');
      return { kind: 'cluster', ...common, nodes: list };
    }
  }
}

/** The target without secrets, for logs and /healthz. */
export function describeRedisTarget(t: RedisTarget): string {
  const hp = (h: HostPort) => (h.host.includes(':') ? `[${h.host}]:${h.port}` : `${h.host}:${h.port}`);
  switch (t.kind) {
    case 'single':
      return `${t.tls ? 'rediss' : 'redis'}://${hp(t)}/${t.db}`;
    case 'sentinel':
      return `Sentinel ${t.sentinels.map(hp).join(',')} master "${t.name}"`;
    case 'cluster':
      return `Cluster ${t.nodes.map(hp).join(',')}`;
  }
}
