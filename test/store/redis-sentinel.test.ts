import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, runServe } from '../../src/server/serve.js';
import { command, type SentinelSet, startSentinelSet, until } from '../support/redis-topology.js';

// A real Sentinel set (master, replica, 3 Sentinels) from the installed redis-server, and the
// server started with the documented multi-host redis+sentinel:// URL.
const ADMIN = 'sentinel-admin-token-0123456789';
const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
const IN_FLIGHT = 4;
/** Acknowledged tickets wanted once Sentinel names the new master (it has no replica until the old one rejoins). */
const AFTER_SWITCH = 20;

let set: SentinelSet;
let server: RunningServer;

interface Acked {
  key: string;
  question: string;
  id: string;
}

describe('Redis Sentinel (master, replica, 3 Sentinels, started by the test)', () => {
  beforeAll(async () => {
    set = await startSentinelSet();
    server = await runServe({ REDIS_URL: set.url, REDIS_PREFIX: `test:i14:${randomUUID().slice(0, 8)}:`, ADMIN_TOKEN: ADMIN, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...(process.env.TEST_WAIT_REPLICAS ? { REDIS_WAIT_REPLICAS: process.env.TEST_WAIT_REPLICAS } : {}) });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await set?.close();
  }, 60_000);

  it('loses no acknowledged ticket and issues no id twice across a failover under load', async () => {
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
    const oldMaster = await set.masterPort();
    expect(oldMaster).toBe(set.master.port);

    const acked: Acked[] = [];
    let refused = 0;
    let failedOver = false;
    let ackedAfterSwitch = 0;
    let n = 0;
    // Each logical request keeps its Idempotency-Key across retries, as a careful client does.
    const client = async (worker: number): Promise<void> => {
      while (!failedOver || ackedAfterSwitch < AFTER_SWITCH) {
        const i = n++;
        const key = `w${worker}-${i}`;
        const question = `在宅勤務の手当について質問 ${key}`;
        for (let attempt = 0; ; attempt++) {
          let status = 0;
          let body: { id?: string; error?: string } = {};
          try {
            const r = await fetch(new URL('/api/tickets', server.url), { method: 'POST', headers: { ...auth, 'idempotency-key': key }, body: JSON.stringify({ question, route: 'hr', requester: { platform: 'api', userId: 'load' } }) });
            status = r.status;
            body = (await r.json()) as typeof body;
          } catch {
            status = -1;
          }
          // Never a 500: the store being away is a 503 with a reason.
          expect(status, JSON.stringify(body)).not.toBe(500);
          if (status === 201 || status === 200) {
            acked.push({ key, question, id: body.id! });
            if (failedOver) ackedAfterSwitch++;
            break;
          }
          refused++;
          expect(status).toBe(503);
          expect(body.error).toBeTruthy();
          if (attempt > 400) throw new Error(`request ${key} never succeeded: ${body.error}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    };
    const load = Promise.all(Array.from({ length: IN_FLIGHT }, (_, w) => client(w)));

    await until('some tickets before the failover', async () => (acked.length >= 100 ? true : undefined), 30_000);
    expect(await command(set.sentinels[0]!.port, 'SENTINEL', 'FAILOVER', set.name)).toBe('OK');
    await until('the replica promoted', async () => ((await set.masterPort()) === set.replica.port ? true : undefined), 30_000);
    failedOver = true;
    await load;

    // Every acknowledged ticket reads back with its own question, and no id was given twice.
    const ids = acked.map((a) => a.id);
    const lost: string[] = [];
    for (let i = 0; i < acked.length; i += 50) {
      await Promise.all(
        acked.slice(i, i + 50).map(async (a) => {
          const r = await fetch(new URL(`/api/tickets/${a.id}`, server.url), { headers: auth });
          const t = r.status === 200 ? ((await r.json()) as { question: string }) : null;
          if (t?.question !== a.question) lost.push(`${a.id} (${a.key}): ${r.status}`);
        }),
      );
    }
    // Reported for the operations notes (README): acknowledged, refused while failing over, lost.
    console.info(`sentinel failover: ${acked.length} acknowledged, ${refused} answered 503 and retried, ${lost.length} lost or overwritten, ${ids.length - new Set(ids).size} ids issued twice`);
    expect(lost).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);
  }, 90_000);
});
