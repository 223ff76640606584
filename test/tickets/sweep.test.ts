import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import type { ConversationTarget } from '../../src/core/messenger.js';
import { MemoryJobQueue } from '../../src/jobs/memory-queue.js';
import type { JobHandler, JobQueue } from '../../src/jobs/queue.js';
import { createLogger } from '../../src/logging/logger.js';
import { buildContext } from '../../src/server/context.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import type { DeliveryPlan } from '../../src/tickets/delivery-config.js';
import { TICKET_KEYS, TicketRepository } from '../../src/tickets/repository.js';
import { TicketService, type TicketJob } from '../../src/tickets/service.js';
import { REDIS_URL, deletePrefix, eventually, fixtureBot, newPrefix } from './harness.js';

/** An in-process queue whose adds can be made to fail (Redis away for the queue only). */
class FlakyQueue implements JobQueue<TicketJob> {
  readonly kind = 'memory' as const;
  private readonly inner = new MemoryJobQueue<TicketJob>({ attempts: 2, backoffMs: 20 });
  failing: (jobId: string) => boolean = () => false;
  async add(jobId: string, data: TicketJob): Promise<void> {
    if (this.failing(jobId)) throw new Error('connect ECONNREFUSED (queue down)');
    await this.inner.add(jobId, data);
  }
  start(handler: JobHandler<TicketJob>): Promise<void> {
    return this.inner.start(handler);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** hr is reached on Slack and Teams; security has no channel at all (its tickets are kept, not sent). */
const PLAN: DeliveryPlan = {
  mailEnabled: false,
  replyTo: null,
  byOffice: new Map([
    ['hr', { email: null, webhook: null, slackChannel: 'C0HROFFICE', teamsConversation: '19:hr-office@thread.tacv2' }],
    ['security', { email: null, webhook: null, slackChannel: null, teamsConversation: null }],
  ]),
};
const ADMIN = { admin: true as const };
const REQUESTER = { platform: 'api' as const, userId: 'ops' };

async function setup(kind: 'memory' | 'redis') {
  let store: Store;
  if (kind === 'redis') {
    const prefix = newPrefix();
    store = RedisStore.fromUrl(REDIS_URL, prefix);
    cleanups.push(() => deletePrefix(prefix));
  } else store = new MemoryStore();
  cleanups.push(() => store.close());
  const ctx = buildContext({ bot: await fixtureBot(), store, logger: createLogger({ level: 'silent' }), settings: loadSettings({}) });
  const sent: { platform: string; target: ConversationTarget }[] = [];
  const down = { slack: false, teams: false };
  for (const platform of ['slack', 'teams'] as const) {
    ctx.messengers.register({
      platform,
      async send(target) {
        if (down[platform]) throw new Error(`${platform} refused`);
        sent.push({ platform, target });
      },
    });
  }
  const queue = new FlakyQueue();
  const service = (): TicketService => new TicketService({ repo: new TicketRepository(store), bot: ctx.bot, audit: ctx.audit, logger: ctx.logger, messengers: ctx.messengers, plan: PLAN, mailer: null, queue, lang: 'ja', enqueueTimeoutMs: 500 });
  const svc = service();
  await queue.start((job, info) => svc.runJob(job, info));
  cleanups.push(() => queue.close());
  const create = (route: string) => svc.create({ question: '規程について相談したいです', route, requester: REQUESTER, source: 'api' }, ADMIN).then((r) => r.ticket);
  const deliveries = async (id: string) => (await svc.get(id))!.deliveries;
  return { store, svc, service, queue, sent, down, create, deliveries };
}

describe.each(['memory', 'redis'] as const)('the sweep re-queues every pending delivery (%s store)', (kind) => {
  it('a channel whose queue add failed is re-queued after another channel already made the ticket notified', async () => {
    const s = await setup(kind);
    s.queue.failing = (id) => id.includes('--teams--');
    const t = await s.create('hr');
    await eventually(async () => (await s.svc.get(t.id))!.status === 'notified', 5000, 'Slack delivery');
    expect(await s.deliveries(t.id)).toEqual({ slack: 'sent', teams: 'pending' });

    s.queue.failing = () => false;
    expect(await s.svc.sweep()).toBe(1);
    await eventually(async () => (await s.deliveries(t.id)).teams === 'sent', 5000, 'Teams delivery');
    expect(s.sent.map((x) => x.platform).sort()).toEqual(['slack', 'teams']);
    // Nothing pending any more: the next sweep has nothing to do.
    expect(await s.svc.sweep()).toBe(0);
  });

  it('a redelivered channel on a notified ticket whose add failed is re-queued too', async () => {
    const s = await setup(kind);
    s.down.teams = true;
    const t = await s.create('hr');
    await eventually(async () => (await s.deliveries(t.id)).teams === 'failed', 5000, 'Teams to fail for good');
    expect((await s.svc.get(t.id))!.status).toBe('notified');

    s.down.teams = false;
    s.queue.failing = () => true;
    const again = await s.svc.redeliver(t.id, ADMIN);
    expect(again.deliveries).toEqual({ slack: 'sent', teams: 'pending' });

    s.queue.failing = () => false;
    expect(await s.svc.sweep()).toBe(1);
    await eventually(async () => (await s.deliveries(t.id)).teams === 'sent', 5000, 'Teams delivery');
    expect(s.sent.filter((x) => x.platform === 'teams')).toHaveLength(1);
  });

  it('is not starved by tickets of offices that have no channel', async () => {
    const s = await setup(kind);
    s.queue.failing = () => true;
    const t = await s.create('hr');
    // More channel-less tickets, all newer, than the old sweep's 1,000-ticket page.
    for (let i = 0; i < 1001; i++) await s.create('security');
    expect((await s.svc.get(t.id))!.deliveries).toEqual({ slack: 'pending', teams: 'pending' });

    s.queue.failing = () => false;
    expect(await s.svc.sweep()).toBe(2);
    // 'notified' comes with the first channel sent; wait for both channels, which are delivered independently.
    await eventually(async () => Object.values(await s.deliveries(t.id)).every((d) => d === 'sent'), 5000, 'both deliveries');
    expect(await s.deliveries(t.id)).toEqual({ slack: 'sent', teams: 'sent' });
    expect((await s.svc.get(t.id))!.status).toBe('notified');
  }, 60_000);

  it('finds pending deliveries of tickets stored before the index existed, and drops stale entries', async () => {
    const s = await setup(kind);
    s.queue.failing = () => true;
    const t = await s.create('hr');
    // As written by the previous version: no index entry. And a stale entry for a ticket with nothing pending.
    await s.store.setRemove(TICKET_KEYS.pendingDelivery, t.id);
    const quiet = await s.create('security');
    await s.store.setAdd(TICKET_KEYS.pendingDelivery, quiet.id);

    s.queue.failing = () => false;
    const fresh = s.service(); // a restarted process
    expect(await fresh.sweep()).toBe(2);
    await eventually(async () => (await s.svc.get(t.id))!.status === 'notified', 5000, 'delivery');
    expect(await s.store.setMembers(TICKET_KEYS.pendingDelivery)).not.toContain(quiet.id);
  });

  it('stops between tickets when asked, and a queue that hangs makes the sweep fail, not wait', async () => {
    const s = await setup(kind);
    s.queue.failing = () => true;
    const a = await s.create('hr');
    await s.create('hr');
    s.queue.failing = () => false;
    expect(await s.svc.sweep({ stopping: () => true })).toBe(0);

    const hang = new Promise<void>(() => {});
    const add = s.queue.add.bind(s.queue);
    s.queue.add = () => hang;
    const started = Date.now();
    await expect(s.svc.sweep()).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(2000);
    s.queue.add = add;
    await s.svc.sweep();
    await eventually(async () => (await s.svc.get(a.id))!.status === 'notified', 5000, 'delivery');
  });
});
