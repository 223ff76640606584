import type { Logger } from 'pino';
import { loadSettings } from '../../config/settings.js';
import { botFromSettings } from '../../core/bot-from-settings.js';
import { createLogger } from '../../logging/logger.js';
import { buildContext } from '../../server/context.js';
import { openStore } from '../../store/open-store.js';
import { TicketError } from '../../tickets/errors.js';
import { ListTicketsQuery, TicketIdSchema, type Ticket } from '../../tickets/model.js';
import { startTicketService } from '../../tickets/start.js';
import { UsageError } from '../usage-error.js';

export interface TicketCliOptions {
  json: boolean;
  route?: string;
  status?: string;
  office?: string;
}

const USAGE = 'usage: telework-bot ticket create "質問" [--route ID] [--json] | list [--status S] [--office ID] [--json] | show ID [--json] | answer ID "回答" [--json]';

const line = (t: Ticket): string => `${t.id}  ${t.status.padEnd(8)}  ${t.route.padEnd(8)}  ${t.createdAt}  ${[...t.question].slice(0, 40).join('')}`;

function describe(t: Ticket): string {
  const out = [
    `${t.id}  (${t.status})`,
    `route:     ${t.route} ${t.officeName}`,
    `requester: ${t.requester.platform}:${t.requester.userId}`,
    `created:   ${t.createdAt}`,
    `question:  ${t.question}`,
  ];
  if (t.redacted.length > 0) out.push(`redacted:  ${t.redacted.join(', ')}`);
  const deliveries = Object.entries(t.deliveries);
  out.push(`delivery:  ${deliveries.length > 0 ? deliveries.map(([c, s]) => `${c}=${s}`).join(', ') : 'none configured (kept only)'}`);
  if (t.answer) out.push(`answer:    ${t.answer.text}`);
  out.push('history:');
  for (const e of t.history) out.push(`  ${e.at}  ${e.type}${e.channel ? ` (${e.channel})` : ''}${e.from ? `  ${e.from} → ${e.to}` : ''}${e.note ? `  「${e.note}」` : ''}${e.detail ? `  ${e.detail}` : ''}`);
  return out.join('\n');
}

/**
 * `telework-bot ticket …`: the same service code and settings as `serve`, on the store directly.
 * With Redis, deliveries and answers are queued for the server's workers; with the embedded store
 * this process delivers them itself before it exits (and nothing is kept afterwards).
 */
export async function runTicketCommand(args: string[], opts: TicketCliOptions): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError(USAGE);
  // Validate the arguments before connecting anywhere.
  let id: string | undefined;
  if (sub === 'show' || sub === 'answer') {
    const parsed = TicketIdSchema.safeParse(rest[0]);
    if (!parsed.success) throw new UsageError(`ticket ${sub}: ${rest[0] === undefined ? 'a ticket id is required' : parsed.error.issues[0]!.message}`);
    id = parsed.data;
  }
  const text = sub === 'create' ? rest.join(' ') : sub === 'answer' ? rest.slice(1).join(' ') : '';
  if ((sub === 'create' || sub === 'answer') && text.trim() === '') throw new UsageError(`ticket ${sub}: the ${sub === 'create' ? 'question' : 'answer'} text is required`);
  if (!['create', 'list', 'show', 'answer'].includes(sub)) throw new UsageError(`unknown ticket command "${sub}"; ${USAGE}`);
  const filter = ListTicketsQuery.safeParse({ status: opts.status, office: opts.office });
  if (!filter.success) throw new UsageError(`ticket list: ${filter.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}`);

  const settings = loadSettings(process.env);
  // Logs go to stderr so that --json output stays clean; quiet unless LOG_LEVEL asks for more.
  const logger: Logger = createLogger({ level: process.env['LOG_LEVEL'] ? settings.LOG_LEVEL : 'warn' }, process.stderr);
  const store = await openStore(settings, logger);
  const bot = await botFromSettings(settings);
  const ctx = buildContext({ bot, store, logger, settings });
  const embedded = store.kind === 'memory';
  if (embedded && sub !== 'create') {
    // A server without Redis keeps its tickets in its own memory: this process cannot see them.
    process.stderr.write('note: REDIS_URL is not set, so this command reads its own empty store, not a running server\'s. Set REDIS_URL to the server\'s Redis, or use the server\'s console (/admin; the sign-in URL is printed when the server starts).\n');
  }
  const tickets = await startTicketService(ctx, { worker: embedded, sweepMs: 1000 });
  await tickets.start?.();
  const out = (t: Ticket | Ticket[], human: string): void => void process.stdout.write(`${opts.json ? JSON.stringify(t) : human}\n`);
  try {
    switch (sub) {
      case 'create': {
        const { ticket } = await tickets.service.create(
          { question: text, requester: { platform: 'cli', userId: process.env['USER'] ?? 'cli' }, source: 'cli', ...(opts.route !== undefined ? { route: opts.route } : {}) },
          { platform: 'cli', userId: process.env['USER'] ?? 'cli' },
        );
        const final = embedded ? await settle(tickets.service, ticket.id) : ticket;
        out(final, `${final.id} を作成しました (route: ${final.route}, status: ${final.status})`);
        return 0;
      }
      case 'list': {
        const list = await tickets.service.list(filter.data);
        out(list, list.length === 0 ? '(該当する問い合わせはありません)' : list.map(line).join('\n'));
        return 0;
      }
      case 'show': {
        const t = await tickets.service.get(id!);
        if (t === null) throw new TicketError(404, `no ticket ${id}`);
        out(t, describe(t));
        return 0;
      }
      case 'answer': {
        const t = await tickets.service.answer(id!, text, { platform: 'cli', userId: process.env['USER'] ?? 'cli' }, 'cli');
        out(t, `${t.id} に回答しました (status: ${t.status}${t.status === 'answered' ? '; 質問者への送付はサーバーが行います' : ''})`);
        return 0;
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof TicketError && e.status === 400) throw new UsageError(e.message);
    if (e instanceof TicketError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await tickets.stop();
    await store.close();
  }
}

/** Embedded store: wait (briefly) for this process's own deliveries before it exits. */
async function settle(service: { get(id: string): Promise<Ticket | null> }, id: string, timeoutMs = 30_000): Promise<Ticket> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = (await service.get(id))!;
    if (!Object.values(t.deliveries).includes('pending') || Date.now() > until) return t;
    await new Promise((r) => setTimeout(r, 100));
  }
}
