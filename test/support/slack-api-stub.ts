import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForCalls } from './wait-for-calls.js';
import { readBody } from './read-body.js';

/** One request the stub received. `method` is the Web API method, or `response_url` for /response/… posts. */
export interface SlackCall {
  method: string;
  path: string;
  /** Parsed body: JSON, or form fields with JSON-looking values (blocks, attachments) parsed. */
  body: Record<string, any>;
  raw: string;
  headers: IncomingMessage['headers'];
  /** What the stub answered (e.g. the ts of a posted message). */
  response: Record<string, any>;
}

export interface SlackApiStub {
  /** Base URL to give as SLACK_API_URL (ends with '/'). */
  url: string;
  /** A response_url on the stub: posts to it are recorded as method 'response_url'. */
  responseUrl(id?: string): string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Resolves once `count` calls to `method` have been received; rejects after `timeoutMs`. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** Extra answers by method (e.g. apps.connections.open for Socket Mode). */
  answers: Map<string, Record<string, any>>;
  /** The next call to `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  reset(): void;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, any>;
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * A small recording stand-in for the Slack Web API on 127.0.0.1: auth.test, chat.postMessage,
 * chat.postEphemeral, chat.update, views.open and response_url posts.
 */
export async function startSlackApiStub(): Promise<SlackApiStub> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, string[]>();
  const waiters = new Set<() => void>();
  let seq = 0;
  const answers = new Map<string, Record<string, any>>();

  const answer = (method: string, body: Record<string, any>): Record<string, any> => {
    const queued = failures.get(method);
    const error = queued?.shift();
    if (error !== undefined) return { ok: false, error };
    const fixed = answers.get(method);
    if (fixed !== undefined) return fixed;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://stub.slack.invalid/', team: 'Stub', user: 'telework', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        seq += 1;
        const ts = `1700000000.${String(seq).padStart(6, '0')}`;
        return { ok: true, channel: body['channel'], ts, message: { ...body, ts, bot_id: 'BBOT', user: 'UBOT' } };
      }
      case 'chat.postEphemeral':
        seq += 1;
        return { ok: true, message_ts: `1700000000.${String(seq).padStart(6, '0')}` };
      case 'chat.update':
        return { ok: true, channel: body['channel'], ts: body['ts'] };
      case 'views.open':
        return { ok: true, view: { id: 'V1' } };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const body = parseBody(raw, req.headers['content-type']);
    if (path.startsWith('/response/')) {
      calls.push({ method: 'response_url', path, body, raw, headers: req.headers, response: { ok: true } });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } else {
      const method = path.replace(/^\/(?:api\/)?/, '');
      const response = answer(method, body);
      calls.push({ method, path, body, raw, headers: req.headers, response });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    }
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const callsTo = (method: string): SlackCall[] => calls.filter((c) => c.method === method);
  return {
    url: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    calls,
    callsTo,
    answers,
    waitFor: (method, count = 1, timeoutMs = 5000) =>
      waitForCalls(waiters, () => callsTo(method), count, timeoutMs, () => `timed out waiting for ${count} call(s) to ${method}; got ${callsTo(method).length} (all: ${calls.map((c) => c.method).join(', ') || 'none'})`),

    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    reset() {
      calls.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
