import { afterEach, describe, expect, test } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { Messengers } from '../../src/core/messenger.js';
import { createLogger } from '../../src/logging/logger.js';
import type { Reminder } from '../../src/reminders/model.js';
import { REMINDER_KEYS, ReminderRepository } from '../../src/reminders/repository.js';
import { ReminderRunner } from '../../src/reminders/runner.js';
import type { FireJob, FireScheduler } from '../../src/reminders/scheduler.js';
import { ReminderService } from '../../src/reminders/service.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { REDIS_URL, redisNamespace } from './harness.js';

const logger = createLogger({ level: 'silent' });
/** A fixed clock: nothing here depends on today's date. */
const NOW = new Date('2026-11-25T10:00:00+09:00');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const stores: Array<[string, () => Store]> = [
  ['memory', () => new MemoryStore()],
  [
    'redis',
    () => {
      const ns = redisNamespace();
      const store = RedisStore.fromUrl(REDIS_URL, ns.prefix);
      cleanups.push(() => ns.cleanup(), () => store.close());
      return store;
    },
  ],
];

/**
 * The store as another instance sees it: `interleave.next`, when set, runs once just before the
 * next transaction (between an update's read and its compare-and-set write).
 */
function racing(store: Store): { store: Store; interleave: { next: (() => Promise<void>) | null } } {
  const interleave: { next: (() => Promise<void>) | null } = { next: null };
  const wrapped: Store = Object.create(store, {
    transaction: {
      value: async (...args: Parameters<Store['transaction']>) => {
        const f = interleave.next;
        interleave.next = null;
        if (f) await f();
        return store.transaction(...args);
      },
    },
  });
  return { store: wrapped, interleave };
}

/** The service and a runner on one store, a scheduler that only records, and a messenger with a hook. */
function setup(store: Store) {
  const repo = new ReminderRepository(store);
  // The runner writes through a store where another instance's change can land mid-update.
  const race = racing(store);
  const scheduled: FireJob[] = [];
  const scheduler: FireScheduler = {
    kind: 'in-process',
    schedule: async (j) => void scheduled.push(j),
    cancel: async () => {},
    start: async () => {},
    stop: async () => {},
  };
  const hooks: { onSend: () => Promise<void> } = { onSend: async () => {} };
  const sent: string[] = [];
  const messengers = new Messengers();
  messengers.register({
    platform: 'slack',
    async send(target) {
      await hooks.onSend();
      sent.push('channelId' in target ? target.channelId : target.userId);
    },
  });
  const service = new ReminderService({ repo, scheduler, audit: new AuditLog(store), logger, now: () => NOW });
  let clock = NOW.getTime();
  const runner = new ReminderRunner({ repo: new ReminderRepository(race.store), messengers, scheduler, logger, catchUpMaxAgeMs: 60 * 60_000, instance: 'test', now: () => clock });
  return { repo, scheduled, hooks, sent, service, runner, interleave: race.interleave, setClock: (ms: number) => (clock = ms) };
}

const weekdays = { text: '締め日です', target: { platform: 'slack', channelId: 'C1' }, cron: '0 9 * * 1-5' };

describe.each(stores)('reminder writes are atomic (%s store)', (_kind, makeStore) => {
  test('a create writes the record and the index entry together, version 1; each update bumps the version', async () => {
    const { repo, service } = setup(makeStore());
    const { reminder } = await service.create(weekdays, { admin: true });
    expect((await repo.get(reminder.id))?.version).toBe(1);
    expect((await repo.list()).map((r) => r.id)).toEqual([reminder.id]);
    expect(await repo.create(reminder)).toBe(false); // never overwrites an existing reminder
    await service.pause(reminder.id, { admin: true });
    await service.resume(reminder.id, { admin: true });
    expect((await repo.get(reminder.id))?.version).toBe(3);
  });

  test('a pause landing while a run is being delivered is not undone by the runner', async () => {
    const { repo, scheduled, hooks, service, runner, setClock, sent } = setup(makeStore());
    const { reminder } = await service.create(weekdays, { admin: true });
    const runAtMs = Date.parse(reminder.nextRunAt!);
    setClock(runAtMs + 1000);
    hooks.onSend = async () => {
      await service.pause(reminder.id, { admin: true });
    };
    expect(await runner.fire({ reminderId: reminder.id, runAtMs }, { attempt: 1, final: true })).toBe('delivered');
    expect(sent).toEqual(['C1']);
    const after = await repo.get(reminder.id);
    expect(after).toMatchObject({ status: 'paused', nextRunAt: null });
    // Only the first run was ever scheduled: the runner did not queue a next one for a paused reminder.
    expect(scheduled).toEqual([{ reminderId: reminder.id, runAtMs }]);
  });

  test('a delete landing while a run is being delivered is never undone (no resurrection)', async () => {
    const store = makeStore();
    const { repo, scheduled, hooks, service, runner, setClock } = setup(store);
    const { reminder } = await service.create(weekdays, { admin: true });
    const runAtMs = Date.parse(reminder.nextRunAt!);
    setClock(runAtMs + 1000);
    hooks.onSend = async () => {
      await service.delete(reminder.id, { admin: true });
    };
    await runner.fire({ reminderId: reminder.id, runAtMs }, { attempt: 1, final: true });
    expect(await repo.get(reminder.id)).toBeNull();
    expect(await store.get(REMINDER_KEYS.reminder(reminder.id))).toBeNull();
    expect(await store.setMembers(REMINDER_KEYS.index)).toEqual([]);
    expect(await service.list()).toEqual([]);
    expect(scheduled).toEqual([{ reminderId: reminder.id, runAtMs }]);
    await expect(service.pause(reminder.id, { admin: true })).rejects.toMatchObject({ status: 404 });
  });

  test('a pause landing between the runner\'s read and its write is not undone (compare-and-set)', async () => {
    const { repo, scheduled, service, runner, setClock, interleave } = setup(makeStore());
    const { reminder } = await service.create(weekdays, { admin: true });
    const runAtMs = Date.parse(reminder.nextRunAt!);
    setClock(runAtMs + 1000);
    interleave.next = async () => {
      await service.pause(reminder.id, { admin: true });
    };
    expect(await runner.fire({ reminderId: reminder.id, runAtMs }, { attempt: 1, final: true })).toBe('delivered');
    expect(interleave.next).toBeNull(); // the pause did land inside the runner's update
    expect(await repo.get(reminder.id)).toMatchObject({ status: 'paused', nextRunAt: null, lastRunAt: null });
    expect(scheduled).toEqual([{ reminderId: reminder.id, runAtMs }]);
  });

  test('a delete landing between the runner\'s read and its write is never undone (no resurrection)', async () => {
    const store = makeStore();
    const { repo, scheduled, service, runner, setClock, interleave } = setup(store);
    const { reminder } = await service.create(weekdays, { admin: true });
    const runAtMs = Date.parse(reminder.nextRunAt!);
    setClock(runAtMs + 1000);
    interleave.next = async () => {
      await service.delete(reminder.id, { admin: true });
    };
    await runner.fire({ reminderId: reminder.id, runAtMs }, { attempt: 1, final: true });
    expect(interleave.next).toBeNull();
    expect(await repo.get(reminder.id)).toBeNull();
    expect(await store.setMembers(REMINDER_KEYS.index)).toEqual([]);
    expect(scheduled).toEqual([{ reminderId: reminder.id, runAtMs }]);
  });

  test('an update that loses the race re-reads and applies its change to the newer reminder', async () => {
    const store = makeStore();
    const { service } = setup(store);
    const { reminder } = await service.create(weekdays, { admin: true });
    // Another instance writes between this update's read and its write (once).
    let interleave: (() => Promise<void>) | null = async () => {
      const cur = JSON.parse((await store.get(REMINDER_KEYS.reminder(reminder.id)))!) as Reminder;
      await store.set(REMINDER_KEYS.reminder(reminder.id), JSON.stringify({ ...cur, text: 'changed elsewhere', version: cur.version! + 1 }));
    };
    const racing: Store = Object.create(store, {
      transaction: {
        value: async (...args: Parameters<Store['transaction']>) => {
          const f = interleave;
          interleave = null;
          if (f) await f();
          return store.transaction(...args);
        },
      },
    });
    const repo = new ReminderRepository(racing);
    let calls = 0;
    const updated = await repo.update(reminder.id, (cur) => {
      calls++;
      return { ...cur, lastRunAt: 'x' };
    });
    expect(calls).toBe(2);
    expect(updated).toMatchObject({ lastRunAt: 'x', text: 'changed elsewhere', version: 3 });
    expect(await repo.get(reminder.id)).toEqual(updated);
  });

  test('an update or delete of a reminder deleted meanwhile does nothing', async () => {
    const { repo, service } = setup(makeStore());
    const { reminder } = await service.create(weekdays, { admin: true });
    const result = await repo.update(reminder.id, (cur) => {
      return cur.status === 'active' ? { ...cur, status: 'done' } : null;
    });
    expect(result?.status).toBe('done');
    expect(await repo.delete(reminder.id)).not.toBeNull();
    expect(await repo.update(reminder.id, (cur) => ({ ...cur, status: 'active' }))).toBeNull();
    expect(await repo.delete(reminder.id)).toBeNull();
    expect(await repo.get(reminder.id)).toBeNull();
  });

  test('reminders stored by earlier versions (keys without the hash tag) are moved at start-up', async () => {
    const store = makeStore();
    const { repo, service, scheduled } = setup(store);
    const legacy: Reminder = {
      id: 'rem_legacy000001',
      text: '旧形式',
      target: { platform: 'slack', channelId: 'C1' },
      cron: '0 9 * * 1',
      timezone: 'Asia/Tokyo',
      skipHolidays: false,
      skipYearEnd: false,
      lang: 'ja',
      status: 'active',
      nextRunAt: '2026-11-30T00:00:00.000Z',
      lastRunAt: null,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      createdBy: { admin: true },
    };
    await store.set(`reminder:${legacy.id}`, JSON.stringify(legacy));
    await store.setAdd('reminders:index', legacy.id);
    await store.listPush(`reminder:log:${legacy.id}`, JSON.stringify({ runAt: 'r', at: 'a', status: 'delivered' }));
    expect(await service.recover()).toBe(1);
    expect(await repo.get(legacy.id)).toMatchObject({ id: legacy.id, version: 1 });
    expect((await repo.log(legacy.id)).map((e) => e.status)).toEqual(['delivered']);
    expect(scheduled).toEqual([{ reminderId: legacy.id, runAtMs: Date.parse(legacy.nextRunAt!) }]);
    expect(await store.get(`reminder:${legacy.id}`)).toBeNull();
    expect(await store.setMembers('reminders:index')).toEqual([]);
    expect(await repo.migrateLegacy()).toBe(0); // idempotent
  });
});

