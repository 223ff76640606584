import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../logging/logger.js';
import { ReminderError, notFound } from './errors.js';
import { CreateReminderSchema, type DeliveryLogEntry, type Reminder, type ReminderActor } from './model.js';
import type { ReminderRepository } from './repository.js';
import { nextRun, nextRuns, validateSchedule } from './schedule.js';
import type { FireScheduler } from './scheduler.js';
import { formatJa } from './time.js';

/** How many upcoming runs a confirmation or a detail view shows. */
export const PREVIEW_RUNS = 5;

export interface ReminderView {
  reminder: Reminder;
  /** Upcoming runs, ISO. */
  nextRuns: string[];
  /** The same in JST for people: "2026年12月1日(火) 09:00". */
  nextRunsJst: string[];
}

export interface ReminderDetail extends ReminderView {
  deliveries: DeliveryLogEntry[];
}

const newId = (): string => {
  // 12 characters of [a-z0-9] from random bytes (base36 per byte keeps it simple and unbiased enough for ids).
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `rem_${[...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('')}`;
};

const zodReason = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

export const toAuditActor = (a: ReminderActor): AuditActor => ('admin' in a ? { admin: true } : { platform: a.platform, userId: a.userId });

/**
 * Creates, lists, pauses, resumes and deletes reminders; every change is audited and the
 * next run is (re)scheduled. Authorisation is the caller's job (admin token or allowlist).
 */
export class ReminderService {
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      repo: ReminderRepository;
      scheduler: FireScheduler;
      audit: AuditLog;
      logger: Pick<Logger, 'info' | 'warn' | 'error'>;
      now?: () => Date;
      /** Whether this deployment can deliver to a platform (its adapter runs); unset: every platform. */
      platformAvailable?: (platform: string) => boolean;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Validates `input` (any shape: it comes from outside) and schedules the first run. */
  async create(input: unknown, actor: ReminderActor): Promise<ReminderView> {
    const parsed = CreateReminderSchema.safeParse(input);
    if (!parsed.success) throw new ReminderError(400, 'bad_input', zodReason(parsed.error), `入力が正しくありません: ${zodReason(parsed.error)}`);
    const body = parsed.data;
    // Refused now rather than accepted and then failing at every run.
    if (this.deps.platformAvailable !== undefined && !this.deps.platformAvailable(body.target.platform)) {
      const p = body.target.platform;
      throw new ReminderError(400, 'platform_unavailable', `target.platform: no ${p} adapter runs in this deployment, so the reminder could never be delivered`, `target.platform: この環境では ${p} の接続が有効になっていないため、リマインダーを届けられません。`);
    }
    const now = this.now();
    const checked = validateSchedule(body, now, PREVIEW_RUNS);
    if (!checked.ok) throw new ReminderError(400, checked.problem.code, checked.problem.en, checked.problem.ja);
    // A chat user named by the admin API becomes the actor on record; the token holder stays visible in details.
    const by: ReminderActor = body.actor ?? actor;
    const r: Reminder = {
      id: newId(),
      text: body.text,
      target: body.target,
      ...(body.cron !== undefined ? { cron: body.cron } : {}),
      ...(body.at !== undefined ? { at: checked.runs[0]!.toISOString() } : {}),
      timezone: body.timezone,
      skipHolidays: body.skipHolidays,
      skipYearEnd: body.skipYearEnd,
      lang: body.lang,
      status: 'active',
      nextRunAt: checked.runs[0]!.toISOString(),
      lastRunAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      createdBy: by,
    };
    // Ids are random (36^12): a clash is next to impossible, and refused rather than overwritten.
    if (!(await this.deps.repo.create(r))) throw new Error(`reminder id clash: ${r.id}`);
    try {
      await this.deps.scheduler.schedule({ reminderId: r.id, runAtMs: checked.runs[0]!.getTime() });
    } catch (e) {
      // Not scheduled means not created: undo, so nobody believes a reminder exists that never runs.
      this.deps.logger.warn({ err: e, reminderId: r.id }, 'could not schedule a new reminder');
      await this.deps.repo.delete(r.id).catch(() => {});
      throw new ReminderError(503, 'scheduler_unavailable', 'the scheduler is unreachable; the reminder was not created, please try again', 'リマインダーを登録できませんでした(スケジューラーに接続できません)。時間をおいて再度お試しください。');
    }
    await this.audit('reminder.created', r.id, actor, { by, target: r.target, cron: r.cron, at: r.at, timezone: r.timezone, skipHolidays: r.skipHolidays, skipYearEnd: r.skipYearEnd, text: r.text });
    return this.view(r, checked.runs);
  }

  async list(): Promise<Reminder[]> {
    return this.deps.repo.list();
  }

  async get(id: string): Promise<ReminderDetail> {
    const r = await this.require(id);
    return { ...this.view(r, this.upcoming(r)), deliveries: await this.deps.repo.log(id) };
  }

  async pause(id: string, actor: ReminderActor): Promise<ReminderView> {
    // Checked on the reminder the write replaces (compare-and-set), not on an earlier read.
    let before: Reminder | null = null;
    const updated = await this.deps.repo.update(id, (cur) => {
      if (cur.status !== 'active') throw new ReminderError(409, 'not_active', `reminder ${id} is ${cur.status}, not active`, `このリマインダーは${statusJa(cur.status)}のため、一時停止できません。`);
      before = cur;
      return { ...cur, status: 'paused', nextRunAt: null, updatedAt: this.now().toISOString() };
    });
    if (updated === null) throw notFound(id);
    const was = before as Reminder | null;
    if (was !== null && was.nextRunAt !== null) await this.deps.scheduler.cancel({ reminderId: id, runAtMs: Date.parse(was.nextRunAt) });
    await this.audit('reminder.paused', id, actor);
    return this.view(updated, []);
  }

  async resume(id: string, actor: ReminderActor): Promise<ReminderView> {
    const updated = await this.deps.repo.update(id, (cur) => {
      if (cur.status !== 'paused') throw new ReminderError(409, 'not_paused', `reminder ${id} is ${cur.status}, not paused`, `このリマインダーは${statusJa(cur.status)}のため、再開できません。`);
      // Runs that fell in the pause are not caught up: the next run is computed from now.
      const next = nextRun(cur, this.now());
      if (next === null) throw new ReminderError(409, 'no_next_run', 'the reminder has no future run (a one-shot time that has passed?)', '今後の送信予定がないため再開できません(指定日時が過ぎています)。新しく作成してください。');
      return { ...cur, status: 'active', nextRunAt: next.toISOString(), updatedAt: this.now().toISOString() };
    });
    if (updated === null || updated.nextRunAt === null) throw notFound(id);
    await this.deps.scheduler.schedule({ reminderId: id, runAtMs: Date.parse(updated.nextRunAt) });
    await this.audit('reminder.resumed', id, actor, { nextRunAt: updated.nextRunAt });
    return this.view(updated, this.upcoming(updated));
  }

  async delete(id: string, actor: ReminderActor): Promise<void> {
    const r = await this.deps.repo.delete(id);
    if (r === null) throw notFound(id);
    if (r.nextRunAt !== null) await this.deps.scheduler.cancel({ reminderId: id, runAtMs: Date.parse(r.nextRunAt) });
    await this.audit('reminder.deleted', id, actor, { text: r.text, target: r.target });
  }

  /**
   * Records a refused attempt by someone not on the HR allowlist (not a change, but worth knowing).
   * Never throws: like every audit write here, one that fails is logged with the attempt.
   */
  async denied(actor: ReminderActor, attempt: string): Promise<void> {
    await this.audit('reminder.denied', '*', actor, { attempt: attempt.slice(0, 200) });
  }

  /** Makes sure every active reminder's next run is queued (after a restart; idempotent). */
  async recover(): Promise<number> {
    const moved = await this.deps.repo.migrateLegacy();
    if (moved > 0) this.deps.logger.info({ moved }, 'reminders moved to the current key layout');
    let n = 0;
    for (const r of await this.deps.repo.list()) {
      if (r.status !== 'active' || r.nextRunAt === null) continue;
      await this.deps.scheduler.schedule({ reminderId: r.id, runAtMs: Date.parse(r.nextRunAt) });
      n++;
    }
    return n;
  }

  private async require(id: string): Promise<Reminder> {
    const r = await this.deps.repo.get(id);
    if (r === null) throw notFound(id);
    return r;
  }

  private upcoming(r: Reminder): Date[] {
    if (r.status !== 'active' || r.nextRunAt === null) return [];
    const first = new Date(r.nextRunAt);
    return r.cron === undefined ? [first] : [first, ...nextRuns(r, first, PREVIEW_RUNS - 1)];
  }

  private view(r: Reminder, runs: Date[]): ReminderView {
    return { reminder: r, nextRuns: runs.map((d) => d.toISOString()), nextRunsJst: runs.map((d) => formatJa(d, 'Asia/Tokyo')) };
  }

  /**
   * Records the change in the audit log. The change has happened by then, so a failing audit
   * write is logged, not thrown: an error would make the client retry and create a duplicate.
   */
  private async audit(action: string, id: string, actor: ReminderActor, details?: Record<string, unknown>): Promise<void> {
    try {
      await this.deps.audit.record({ action, subject: { type: 'reminder', id }, actor: toAuditActor(actor), ...(details ? { details } : {}) });
    } catch (err) {
      this.deps.logger.error({ err, action, reminderId: id, actor: toAuditActor(actor), details }, 'could not record a reminder change in the audit log');
    }
  }
}

export const statusJa = (s: Reminder['status']): string => ({ active: '有効', paused: '一時停止中', done: '終了済み' })[s];
