import type { ConversationTarget, Messengers } from '../core/messenger.js';
import type { Logger } from '../logging/logger.js';
import type { DeliveryLogEntry, Reminder } from './model.js';
import type { ReminderRepository } from './repository.js';
import { nextRun } from './schedule.js';
import type { FireAttempt, FireJob, FireScheduler } from './scheduler.js';
import { renderReminderText } from './template.js';

export interface RunnerDeps {
  repo: ReminderRepository;
  messengers: Messengers;
  scheduler: FireScheduler;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** A run later than this (e.g. missed while everything was down) is skipped and logged. */
  catchUpMaxAgeMs: number;
  /** Names this instance in the delivery log. */
  instance: string;
  now?: () => number;
}

export type RunOutcome = 'delivered' | 'missed' | 'failed' | 'stale' | 'duplicate';

/** One recipient of a run: the channel, or one person of a DM list. */
interface Recipient {
  key: string;
  target: ConversationTarget;
}

function recipientsOf(r: Reminder): Recipient[] {
  const t = r.target;
  if ('channelId' in t) return [{ key: `c:${t.channelId}`, target: { platform: t.platform, channelId: t.channelId } }];
  return t.userIds.map((u) => ({ key: `u:${u}`, target: { platform: t.platform, userId: u } }));
}

export class RetryableDeliveryError extends Error {
  override readonly name = 'RetryableDeliveryError';
}

/**
 * What happens when a run is due: check it is still wanted, apply the missed-run policy,
 * deliver to every recipient, log, then schedule the next occurrence.
 */
export class ReminderRunner {
  private readonly now: () => number;

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? Date.now;
  }

  async fire(job: FireJob, attempt: FireAttempt): Promise<RunOutcome> {
    const { repo } = this.deps;
    const r = await repo.get(job.reminderId);
    const runAtIso = new Date(job.runAtMs).toISOString();
    // Deleted, paused, or rescheduled since this job was queued: the job is stale.
    if (r === null || r.status !== 'active' || r.nextRunAt !== runAtIso) return 'stale';
    if (await repo.isDone(r.id, job.runAtMs)) return 'duplicate';

    const started = this.now();
    const lagMs = started - job.runAtMs;
    // Only a first attempt can be "missed": a retry is late because of its own backoff.
    if (attempt.attempt === 1 && lagMs > this.deps.catchUpMaxAgeMs) {
      if (await repo.markDone(r.id, job.runAtMs)) {
        await this.log(r.id, { runAt: runAtIso, status: 'missed', lagMs, error: `older than the catch-up limit (${Math.round(this.deps.catchUpMaxAgeMs / 60000)} min)` });
        this.deps.logger.warn({ reminderId: r.id, runAt: runAtIso, lagMs }, 'reminder run missed; skipped');
        await this.advance(r, job.runAtMs, { catchUp: true });
      }
      return 'missed';
    }

    const text = renderReminderText(r.text, new Date(job.runAtMs), r.timezone);
    const failures: string[] = [];
    for (const rc of recipientsOf(r)) {
      if (await repo.wasSent(r.id, job.runAtMs, rc.key)) continue;
      try {
        await this.deps.messengers.send(rc.target, { text, lang: r.lang });
        await repo.markSent(r.id, job.runAtMs, rc.key);
      } catch (err) {
        failures.push(`${rc.key}: ${(err as Error).message}`);
      }
    }

    if (failures.length > 0) {
      const error = failures.join('; ').slice(0, 1000);
      if (!attempt.final) {
        await this.log(r.id, { runAt: runAtIso, status: 'retrying', attempt: attempt.attempt, error });
        this.deps.logger.warn({ reminderId: r.id, attempt: attempt.attempt, error }, 'reminder delivery failed; will retry');
        throw new RetryableDeliveryError(error);
      }
      if (await repo.markDone(r.id, job.runAtMs)) {
        await this.log(r.id, { runAt: runAtIso, status: 'failed', attempt: attempt.attempt, error });
        this.deps.logger.error({ reminderId: r.id, attempt: attempt.attempt, error }, 'reminder delivery failed; giving up on this run');
        await this.advance(r, job.runAtMs);
      }
      return 'failed';
    }

    if (!(await repo.markDone(r.id, job.runAtMs))) return 'duplicate';
    await this.log(r.id, { runAt: runAtIso, status: 'delivered', attempt: attempt.attempt, lagMs: Math.max(0, started - job.runAtMs) });
    await this.advance(r, job.runAtMs);
    return 'delivered';
  }

  private async log(id: string, entry: Omit<DeliveryLogEntry, 'at' | 'instance'>): Promise<void> {
    await this.deps.repo.appendLog(id, { ...entry, at: new Date(this.now()).toISOString(), instance: this.deps.instance });
  }

  /**
   * Records the run and schedules the next one, after now so that a late run never causes a
   * burst. After a missed run, the newest run missed in the same gap is still sent when it is
   * young enough (the older ones are skipped).
   */
  private async advance(r: Reminder, runAtMs: number, opts: { catchUp?: boolean } = {}): Promise<void> {
    const runAtIso = new Date(runAtMs).toISOString();
    const now = this.now();
    let next: Date | null = null;
    if (r.cron !== undefined) {
      next = nextRun(r, new Date(Math.max(runAtMs, now)));
      if (opts.catchUp) {
        const latest = this.latestMissed(r, runAtMs, now);
        if (latest !== null && now - latest.getTime() <= this.deps.catchUpMaxAgeMs) next = latest;
      }
    }
    const updated = await this.deps.repo.update(r.id, (cur) =>
      cur.status !== 'active' || cur.nextRunAt !== runAtIso
        ? null
        : { ...cur, lastRunAt: runAtIso, nextRunAt: next?.toISOString() ?? null, status: next === null ? 'done' : 'active', updatedAt: new Date(now).toISOString() },
    );
    if (updated !== null && next !== null) await this.deps.scheduler.schedule({ reminderId: r.id, runAtMs: next.getTime() });
  }

  /** The last run due between `fromMs` (exclusive) and now, if any. */
  private latestMissed(r: Reminder, fromMs: number, now: number): Date | null {
    let latest: Date | null = null;
    let cursor = new Date(fromMs);
    // Runs are at least 15 minutes apart, so this bounds a downtime of about 100 days.
    for (let i = 0; i < 10_000; i++) {
      const n = nextRun(r, cursor);
      if (n === null || n.getTime() > now) break;
      latest = n;
      cursor = n;
    }
    return latest;
  }
}
