import { randomBytes } from 'node:crypto';
import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import type { TeleworkBot } from '../core/bot.js';
import { runFaqEval } from '../eval/run-eval.js';
import type { FaqEntry } from './model.js';
import type { FaqRepository, StoredFaq } from './repository.js';
import { FaqEntrySchema, type FaqEntryInput } from './schema.js';
import { citableDocuments, faqProblems } from './validate.js';

/** Where an entry comes from: the knowledge folder (shipped) or the Store (written in the console). */
export type FaqOrigin = 'shipped' | 'stored';

export type ListedFaq = FaqEntry & {
  origin: FaqOrigin;
  /** A stored entry that replaces the shipped entry with the same id. */
  overridesShipped?: boolean;
  /** A shipped entry hidden by a stored tombstone (DELETE): not used for answers. */
  hidden?: boolean;
  updatedAt?: string;
  by?: string;
};

/** The curator eval: the stored entries' question forms, each expected to come back to its entry. */
export interface CuratorEval {
  at: string;
  passed: number;
  total: number;
  failures: Array<{ id: string; question: string; why: string[] }>;
}

/** A refusal with its HTTP status (400 invalid, 404 unknown, 409 form claimed, 422 eval, 503 contention). */
export class FaqError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422 | 503,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

const MAX_ATTEMPTS = 5;
const CLAIMED = /also claimed by FAQ entry "([^"]+)"/;

/**
 * FAQ entries at run time: the shipped ones (knowledge/faq) overlaid with the Store's records,
 * applied to the bot's matcher with bot.faq.set/remove. Writes are validated like `knowledge check`
 * against the current set, gated by the entry's own forms (each must come back to the entry), then
 * stored in one transaction with the version bump; other instances apply them on their next poll.
 */
export class FaqService {
  private readonly shipped: Map<string, FaqEntry>;
  /** The store version the bot's matcher reflects (undefined: not loaded yet). */
  private applied: string | null | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bot: TeleworkBot,
    private readonly repo: FaqRepository,
    private readonly audit: AuditLog,
    private readonly log: (e: unknown) => void = () => {},
  ) {
    this.shipped = new Map(bot.faq.entries().map((e) => [e.id, e]));
  }

  /** Polls the store's version every `ms` and applies changes (needed when the store is shared). */
  startPolling(ms: number): void {
    this.timer = setInterval(() => void this.refresh().catch(this.log), ms);
    this.timer.unref();
  }

  stopPolling(): void {
    clearInterval(this.timer);
  }

  /** Applies the stored records when the version moved; true when something was re-read. */
  refresh(): Promise<boolean> {
    return this.exclusive(async () => {
      const version = await this.repo.version();
      if (version === this.applied) return false;
      this.apply(this.effective(await this.repo.all()));
      this.applied = version;
      return true;
    });
  }

  /** Every entry: shipped (hidden or overridden ones marked) and stored, by id. */
  async list(): Promise<ListedFaq[]> {
    const stored = new Map((await this.repo.all()).map((r) => [r.id, r]));
    const out: ListedFaq[] = [];
    for (const [id, entry] of this.shipped) {
      const r = stored.get(id);
      if (r === undefined) out.push({ ...entry, origin: 'shipped' });
      else if (r.entry === null) out.push({ ...entry, origin: 'shipped', hidden: true, updatedAt: r.updatedAt, by: r.by });
    }
    for (const r of stored.values()) {
      if (r.entry !== null) out.push({ ...r.entry, origin: 'stored', ...(this.shipped.has(r.id) ? { overridesShipped: true } : {}), updatedAt: r.updatedAt, by: r.by });
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<ListedFaq | null> {
    return (await this.list()).find((e) => e.id === id) ?? null;
  }

  /** The stored entries (for the export). */
  async storedEntries(): Promise<{ entries: FaqEntry[]; hiddenShipped: string[] }> {
    const all = await this.repo.all();
    return { entries: all.flatMap((r) => (r.entry === null ? [] : [r.entry])), hiddenShipped: all.filter((r) => r.entry === null).map((r) => r.id) };
  }

  create(input: FaqEntryInput, actor: AuditActor, by: string): Promise<{ entry: ListedFaq; eval: CuratorEval }> {
    const id = `curated-${randomBytes(4).toString('hex')}`;
    return this.write('create', id, input, actor, by) as Promise<{ entry: ListedFaq; eval: CuratorEval }>;
  }

  update(id: string, input: FaqEntryInput, actor: AuditActor, by: string): Promise<{ entry: ListedFaq; eval: CuratorEval }> {
    return this.write('update', id, input, actor, by) as Promise<{ entry: ListedFaq; eval: CuratorEval }>;
  }

  async remove(id: string, actor: AuditActor, by: string): Promise<{ hiddenShipped: boolean; eval: CuratorEval }> {
    const r = await this.write('delete', id, null, actor, by);
    return { hiddenShipped: this.shipped.has(id), eval: r.eval };
  }

  lastEval(): Promise<unknown> {
    return this.repo.lastEval();
  }

  private write(kind: 'create' | 'update' | 'delete', id: string, input: FaqEntryInput | null, actor: AuditActor, by: string): Promise<{ entry: ListedFaq | null; eval: CuratorEval }> {
    return this.exclusive(async () => {
      const next = input === null ? null : FaqEntrySchema.parse({ ...input, id });
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const version = await this.repo.version();
        const stored = await this.repo.all();
        const current = this.effective(stored);
        // PUT on a hidden shipped entry brings it back (with the body's content).
        if (kind === 'update' && !current.has(id) && !this.shipped.has(id)) throw new FaqError(404, `no FAQ entry "${id}"`);
        if (kind === 'delete' && !current.has(id)) throw new FaqError(404, `no FAQ entry "${id}"`);
        if (next !== null) {
          this.validate(next, current);
          await this.gate(next, current);
        }
        const record: StoredFaq | null =
          next !== null ? { id, entry: next, updatedAt: new Date().toISOString(), by } : this.shipped.has(id) ? { id, entry: null, updatedAt: new Date().toISOString(), by } : null;
        if (!(await this.repo.write(id, record, version))) continue;
        const after = stored.filter((r) => r.id !== id).concat(record === null ? [] : [record]);
        this.apply(this.effective(after));
        this.applied = String(Number(version ?? '0') + 1);
        const result = await this.curatorEval(after);
        await this.audit.record({
          action: `faq.${kind === 'create' ? 'created' : kind === 'update' ? 'updated' : 'deleted'}`,
          subject: { type: 'faq', id },
          actor,
          details: {
            ...(next !== null ? { questions: next.questions, source: next.source, route: next.route } : { hiddenShipped: this.shipped.has(id) }),
            eval: { passed: result.passed, total: result.total },
          },
        });
        const entry = next === null ? null : { ...next, origin: 'stored' as const, ...(this.shipped.has(id) ? { overridesShipped: true } : {}), updatedAt: record!.updatedAt, by };
        return { entry, eval: result };
      }
      throw new FaqError(503, 'the FAQ entries changed concurrently too often; please retry');
    });
  }

  /** Like `knowledge check`: the source exists, the route is an office, no form is claimed by another entry. */
  private validate(entry: FaqEntry, current: Map<string, FaqEntry>): void {
    const others = [...current.values()].filter((e) => e.id !== entry.id).map((e) => ({ entry: e, file: 'stored' }));
    const problems = faqProblems(
      [...others, { entry, file: 'request' }],
      citableDocuments(this.bot.knowledge.documents),
      this.bot.knowledge.contacts.offices.map((o) => o.id),
    ).filter((p) => p.file === 'request');
    if (problems.length === 0) return;
    const prefix = `entries[${entry.id}].`;
    const text = (ps: typeof problems) => ps.map((p) => `${(p.field ?? '').replace(prefix, '')}: ${p.message}`).join('; ');
    const claimed = problems.filter((p) => {
      const m = CLAIMED.exec(p.message);
      return m !== null && m[1] !== entry.id;
    });
    const rest = problems.filter((p) => !claimed.includes(p));
    if (rest.length > 0) throw new FaqError(400, text(rest));
    throw new FaqError(409, text(claimed));
  }

  /**
   * The entry's own forms, asked with the entry in place, must come back to it (422 otherwise: a
   * form another entry or a passage answers would make the entry dead text). The candidate is in
   * the matcher only while its forms are asked; any change is undone before the write.
   */
  private async gate(entry: FaqEntry, current: Map<string, FaqEntry>): Promise<void> {
    this.apply(new Map(current).set(entry.id, entry));
    try {
      const report = await runFaqEval(this.bot, [entry]);
      const failed = report.results.filter((r) => r.failures.length > 0);
      if (failed.length > 0) {
        throw new FaqError(
          422,
          `question forms that do not come back to this entry: ${failed.map((r) => `"${r.case.q}" (${r.failures.join(', ')})`).join('; ')}`,
          failed.map((r) => ({ question: r.case.q, why: r.failures })),
        );
      }
    } finally {
      this.apply(current);
    }
  }

  /** Runs every stored entry's forms through the bot and records the result. */
  private async curatorEval(stored: StoredFaq[]): Promise<CuratorEval> {
    const entries = stored.flatMap((r) => (r.entry === null ? [] : [r.entry]));
    const report = await runFaqEval(this.bot, entries);
    const result: CuratorEval = {
      at: new Date().toISOString(),
      passed: report.passed,
      total: report.total,
      failures: report.results.filter((r) => r.failures.length > 0).map((r) => ({ id: r.case.id, question: r.case.q, why: r.failures })),
    };
    await this.repo.saveEval(result).catch(this.log);
    return result;
  }

  /** Shipped entries overlaid with the stored records (a tombstone hides, an entry adds or replaces). */
  private effective(stored: StoredFaq[]): Map<string, FaqEntry> {
    const out = new Map(this.shipped);
    for (const r of stored) {
      if (r.entry === null) out.delete(r.id);
      else out.set(r.id, r.entry);
    }
    return out;
  }

  /** Brings the bot's matcher to `target` with the fewest changes. */
  private apply(target: Map<string, FaqEntry>): void {
    for (const e of this.bot.faq.entries()) if (!target.has(e.id)) this.bot.faq.remove(e.id);
    for (const [id, e] of target) {
      const have = this.bot.faq.get(id);
      if (have === undefined || JSON.stringify(have) !== JSON.stringify(e)) this.bot.faq.set(e);
    }
  }

  /** One read-modify-write at a time in this process (the store's version guards across processes). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => {});
    return run;
  }
}
