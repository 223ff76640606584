import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, runServe } from '../../src/server/serve.js';
import { type ClusterSet, startCluster, until } from '../support/redis-topology.js';

// A real 3-master Redis Cluster from the installed redis-server, and the server started the way an
// operator starts it: REDIS_URL with the whole seed list.
const ADMIN = 'cluster-admin-token-0123456789';
const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

let cluster: ClusterSet;
let server: RunningServer;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.url), { method: 'POST', headers: { ...auth, ...headers }, body: JSON.stringify(body) });

describe('Redis Cluster (3 masters, started by the test)', () => {
  beforeAll(async () => {
    cluster = await startCluster();
    server = await runServe({ REDIS_URL: cluster.url, REDIS_PREFIX: `test:i14:${randomUUID().slice(0, 8)}:`, ADMIN_TOKEN: ADMIN, TEAMS_ENABLED: '1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await cluster?.close();
  }, 60_000);

  it('starts from a multi-host redis+cluster:// URL, and a lost master degrades to 503s with reasons while answers go on, then recovers', async () => {
    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, store: { tickets: 'ok', reminders: 'ok', queues: 'ok' } });

    const first = await post('/api/tickets', { question: 'テレワーク手当の支給について確認したいです', requester: { platform: 'api', userId: 'ops' } });
    expect(first.status).toBe(201);
    const ticket = (await first.json()) as { id: string };

    // Kill the master that holds the tickets' slot, as a crashed host would go.
    const victim = await cluster.nodeFor('x{tickets}');
    await victim.kill();
    const survivors = cluster.nodes.filter((n) => n !== victim);
    await cluster.waitState('fail', survivors);

    const down = await until('healthz 503', async () => {
      const r = await fetch(new URL('/healthz', server.url));
      return r.status === 503 ? ((await r.json()) as { ok: boolean; store: Record<string, string>; error: string }) : undefined;
    });
    expect(down.ok).toBe(false);
    expect(down.store['tickets']).not.toBe('ok');
    expect(down.error).toMatch(/tickets/);

    // Ticket creation: 503 with a reason, never 500, for as long as the master is away.
    const refused = await post('/api/tickets', { question: '在宅勤務の申請方法を教えてください', requester: { platform: 'api', userId: 'ops' } }, { 'idempotency-key': 'cluster-down-1' });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toMatch(/CLUSTERDOWN|unavailable|unreachable/i);

    const reminder = await post('/api/reminders', { text: '勤怠入力の締め日です', target: { platform: 'teams', channelId: '19:ops' }, cron: '0 9 * * 1' });
    expect(reminder.status).toBe(503);

    // Answers are computed offline: they go on while the store cannot take the answer records.
    const ask = await post('/api/ask', { question: 'テレワークのセキュリティ対策は?' });
    expect(ask.status).toBe(200);
    expect(((await ask.json()) as { answer: string }).answer.length).toBeGreaterThan(0);

    // The master comes back (same data folder and node config): the server recovers by itself.
    await victim.start();
    await cluster.waitState('ok');
    await until('healthz 200', async () => ((await fetch(new URL('/healthz', server.url))).status === 200 ? true : undefined));
    const again = await until('ticket creation after recovery', async () => {
      const r = await post('/api/tickets', { question: '在宅勤務の申請方法を教えてください', requester: { platform: 'api', userId: 'ops' } }, { 'idempotency-key': 'cluster-down-1' });
      return r.status === 201 ? ((await r.json()) as { id: string }) : undefined;
    });
    expect(again.id).not.toBe(ticket.id);
    // appendonly: the ticket acknowledged before the crash is still there.
    const read = await fetch(new URL(`/api/tickets/${ticket.id}`, server.url), { headers: auth });
    expect(read.status).toBe(200);
  }, 90_000);
});
