import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { settlesWithin } from '../../jobs/queue.js';
import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';
import { withTimeout } from '../../tickets/errors.js';
import type { ImapTarget } from './imap-target.js';
import { MAX_MESSAGE_BYTES, type ReplyOutcome, type ReplyProcessor } from './processor.js';

const KEYS = {
  /** Held while one instance reads and applies a message; expires if that instance dies. */
  lock: (key: string) => `{mail}:lock:${key}`,
  /** What became of a message; a message with a record is never applied again. */
  done: (key: string) => `{mail}:done:${key}`,
};
/** Records outlive any mailbox's retention of a processed message. */
const DONE_TTL_MS = 400 * 24 * 3600 * 1000;
const LOOKUP_CHUNK = 100;

export interface ReplyPollerOptions {
  target: ImapTarget;
  folder: string;
  doneFolder: string | null;
  heldFolder: string | null;
  pollMs: number;
  store: Store;
  processor: ReplyProcessor;
  logger: Logger;
  /** How long a message stays locked by an instance that may have died while applying it (default 5 minutes). */
  lockTtlMs?: number;
  /** IMAP connect and greeting timeout (default 10 s). */
  connectTimeoutMs?: number;
  /** Longest wait for one IMAP command before the connection is dropped and the pass retried (default 60 s). */
  commandTimeoutMs?: number;
  /** Test seams: a hook that never resolves stands for a process that dies at that point. */
  hooks?: { afterFetch?: (key: string) => Promise<void>; afterApply?: (key: string) => Promise<void> };
}

/**
 * Reads office replies from one IMAP folder: on every poll and whenever IDLE reports new mail.
 * Each message is applied exactly once across instances and restarts: a Store lock per
 * message (folder, UIDVALIDITY, UID) while it is read and applied, the ticket's own
 * compare-and-set on the reply's Message-ID, a record of the outcome, then the move to the done
 * folder. A lost connection is logged once and retried at the next poll; it never ends the process.
 */
export class ReplyPoller {
  private readonly id = randomUUID();
  private client: ImapFlow | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private failures = 0;

  constructor(private readonly o: ReplyPollerOptions) {}

  start(): void {
    this.schedule(0);
  }

  /** Stops polling; a pass in progress gets until the deadline, then the connection is dropped. */
  async stop(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.stopping = true;
    clearTimeout(this.timer);
    if (this.running !== null && !(await settlesWithin(this.running, timeoutMs))) this.o.logger.warn(`the mail reply poller did not finish within ${timeoutMs} ms; stopping anyway`);
    const c = this.client;
    this.client = null;
    if (c !== null) {
      if (!(await settlesWithin(c.logout(), Math.max(0, deadline - Date.now())))) c.close();
      c.close();
    }
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  /** New mail while idle: poll now (or right after the pass in progress). */
  private kick(): void {
    if (this.running !== null) this.again = true;
    else this.schedule(0);
  }

  private tick(): void {
    if (this.stopping || this.running !== null) return;
    this.running = this.pass()
      .then(
        () => {
          if (this.failures > 0) this.o.logger.info('mail reply poller: connected again');
          this.failures = 0;
          return this.again ? 0 : this.o.pollMs;
        },
        (e: unknown) => {
          // One warning per outage; the rest at debug. The next try comes at the latest one poll interval later.
          if (this.failures === 0) this.o.logger.warn({ err: e }, 'mail reply poller: IMAP failed; retrying');
          else this.o.logger.debug({ err: e }, 'mail reply poller: still failing');
          this.failures++;
          this.drop();
          return Math.min(this.o.pollMs, 500 * 2 ** Math.min(this.failures, 10));
        },
      )
      .then((delay) => {
        this.running = null;
        this.again = false;
        this.schedule(delay);
      });
  }

  private drop(): void {
    const c = this.client;
    this.client = null;
    c?.close();
  }

  private async connect(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.drop();
    const t = this.o.target;
    const timeout = this.o.connectTimeoutMs ?? 10_000;
    const c = new ImapFlow({
      host: t.host,
      port: t.port,
      secure: t.secure,
      auth: { user: t.user, pass: t.pass },
      logger: false,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      // IDLE soon after a pass (imapflow's default waits 15 s): new mail is then noticed within about a second.
      autoIdleDelay: 1000,
    });
    // Without a listener an 'error' event would end the process.
    c.on('error', (e: Error) => this.o.logger.debug({ err: e }, 'mail reply poller: connection error'));
    c.on('close', () => {
      if (this.client === c) this.client = null;
    });
    c.on('exists', () => this.kick());
    await c.connect();
    for (const f of [this.o.doneFolder, this.o.heldFolder]) {
      if (f === null) continue;
      if ((await c.list()).some((m) => m.path === f)) continue;
      // Another instance may create it at the same moment: only a folder still missing afterwards is an error.
      await c.mailboxCreate(f).catch(async (e: unknown) => {
        if (!(await c.list()).some((m) => m.path === f)) throw e;
      });
    }
    // Kept selected: imapflow IDLEs on it between passes (where the server has IDLE) and reports new mail.
    await c.mailboxOpen(this.o.folder);
    this.client = c;
    return c;
  }

  /** One IMAP command, bounded: a server that stops answering must not stall the poller. */
  private step<T>(p: Promise<T>, what: string): Promise<T> {
    return withTimeout(p, this.o.commandTimeoutMs ?? 60_000, `IMAP ${what}`);
  }

  private async pass(): Promise<void> {
    const c = await this.step(this.connect(), 'connect');
    const box = c.mailbox;
    if (box === false) throw new Error(`the folder ${this.o.folder} is not open`);
    const validity = String(box.uidValidity);
    const uids = (await this.step(c.search({ all: true }, { uid: true }), 'SEARCH')) || [];
    for (let i = 0; i < uids.length; i += LOOKUP_CHUNK) {
      const chunk = uids.slice(i, i + LOOKUP_CHUNK);
      const keys = chunk.map((uid) => `${this.o.folder}:${validity}:${uid}`);
      const records = await Promise.all(keys.map((k) => this.o.store.get(KEYS.done(k))));
      for (const [j, uid] of chunk.entries()) {
        if (this.stopping) return;
        const record = records[j];
        if (record !== null && record !== undefined) {
          // Applied before, not yet moved (a stop or crash between the two): only the move is left.
          const outcome = JSON.parse(record) as ReplyOutcome;
          if (this.moveTarget(outcome) !== null && (await this.lock(keys[j]!))) {
            try {
              await this.finish(c, uid, outcome);
            } finally {
              await this.unlock(keys[j]!);
            }
          }
          continue;
        }
        await this.one(c, uid, keys[j]!);
      }
    }
  }

  private async one(c: ImapFlow, uid: number, key: string): Promise<void> {
    if (!(await this.lock(key))) return;
    try {
      // Another instance may have finished it between our lookup and our lock.
      if ((await this.o.store.get(KEYS.done(key))) !== null) return;
      const head = await this.step(c.fetchOne(String(uid), { size: true }, { uid: true }), 'FETCH');
      if (head === false) return;
      const msg = (head.size ?? 0) > MAX_MESSAGE_BYTES ? { source: Buffer.alloc(MAX_MESSAGE_BYTES + 1) } : await this.step(c.fetchOne(String(uid), { source: true }, { uid: true }), 'FETCH');
      if (msg === false || msg.source === undefined) return;
      await this.o.hooks?.afterFetch?.(key);
      const outcome = await this.o.processor.process(msg.source, { key, folder: this.o.folder, uid, heldFolder: this.o.heldFolder });
      await this.o.hooks?.afterApply?.(key);
      await this.o.store.set(KEYS.done(key), JSON.stringify({ ...outcome, at: new Date().toISOString() }), { ttlMs: DONE_TTL_MS });
      // Moved while still locked: two sessions moving one message at once could leave two copies in the done folder.
      await this.finish(c, uid, outcome);
    } finally {
      // Released on failure too, so the next poll retries at once; the record (written first) keeps it from being applied twice.
      await this.unlock(key);
    }
  }

  private lock(key: string): Promise<boolean> {
    return this.o.store.setIfAbsent(KEYS.lock(key), this.id, this.o.lockTtlMs ?? 5 * 60_000);
  }

  /** Only our own lock: after a very slow pass it may have expired and been taken by another instance. */
  private async unlock(key: string): Promise<void> {
    await this.o.store.transaction([{ op: 'del', key: KEYS.lock(key) }], [{ key: KEYS.lock(key), equals: this.id }]).catch(() => {});
  }

  private moveTarget(o: ReplyOutcome): string | null {
    return o.kind === 'held' ? this.o.heldFolder : this.o.doneFolder;
  }

  /** Out of the way: moved to the done (or held) folder, or marked where it is. */
  private async finish(c: ImapFlow, uid: number, o: ReplyOutcome): Promise<void> {
    const to = this.moveTarget(o);
    if (to !== null) await this.step(c.messageMove(String(uid), to, { uid: true }), 'MOVE');
    else await this.step(c.messageFlagsAdd(String(uid), [o.kind === 'held' ? '\\Flagged' : '\\Seen'], { uid: true }), 'STORE');
  }
}
