import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForCalls } from './wait-for-calls.js';
import { readBody } from './read-body.js';

/** One request the stub received. */
export interface ConnectorCall {
  method: string;
  /** Path as received (conversation ids stay URL-encoded). */
  path: string;
  /** The route it matched: 'reply' (…/activities/:replyToId), 'send' (…/activities), 'create' (POST /v3/conversations) or 'other'. */
  route: 'reply' | 'send' | 'create' | 'other';
  /** Decoded conversation id for 'reply' and 'send'. */
  conversationId?: string;
  /** Decoded activity id replied to, for 'reply'. */
  replyToId?: string;
  headers: IncomingMessage['headers'];
  body: Record<string, any>;
  raw: string;
}

export interface ConnectorStub {
  /** Give this as the activity's serviceUrl (ends with '/', like the real ones). */
  url: string;
  calls: ConnectorCall[];
  callsTo(route: ConnectorCall['route']): ConnectorCall[];
  /** Resolves once `count` calls match; rejects after `timeoutMs` with what did arrive. */
  waitFor(match: ConnectorCall['route'] | ((c: ConnectorCall) => boolean), count?: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  reset(): void;
  close(): Promise<void>;
}

const REPLY = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/;
const SEND = /^\/v3\/conversations\/([^/]+)\/activities$/;
const CREATE = /^\/v3\/conversations$/;

/**
 * A recording stand-in for the Bot Framework connector (the service behind a Teams activity's
 * serviceUrl) on 127.0.0.1: replies, new posts and conversation creation all answer 200 with an id.
 */
export async function startConnectorStub(): Promise<ConnectorStub> {
  const calls: ConnectorCall[] = [];
  const waiters = new Set<() => void>();
  let seq = 0;

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    let body: Record<string, any> = {};
    try {
      body = raw === '' ? {} : (JSON.parse(raw) as Record<string, any>);
    } catch {
      body = { unparsed: raw };
    }
    seq += 1;
    let call: ConnectorCall;
    let answer: Record<string, unknown>;
    const reply = req.method === 'POST' ? REPLY.exec(path) : null;
    const send = req.method === 'POST' ? SEND.exec(path) : null;
    if (reply) {
      call = { method: req.method!, path, route: 'reply', conversationId: decodeURIComponent(reply[1]!), replyToId: decodeURIComponent(reply[2]!), headers: req.headers, body, raw };
      answer = { id: `reply-${seq}` };
    } else if (send) {
      call = { method: req.method!, path, route: 'send', conversationId: decodeURIComponent(send[1]!), headers: req.headers, body, raw };
      answer = { id: `post-${seq}` };
    } else if (req.method === 'POST' && CREATE.test(path)) {
      call = { method: req.method, path, route: 'create', headers: req.headers, body, raw };
      answer = { id: `a:created-${seq}`, activityId: `created-activity-${seq}` };
    } else {
      call = { method: req.method ?? '', path, route: 'other', headers: req.headers, body, raw };
      answer = {};
    }
    calls.push(call);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const matching = (m: ConnectorCall['route'] | ((c: ConnectorCall) => boolean)): ConnectorCall[] =>
    calls.filter(typeof m === 'function' ? m : (c) => c.route === m);

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    callsTo: (route) => matching(route),
    waitFor: (match, count = 1, timeoutMs = 5000) =>
      waitForCalls(waiters, () => matching(match), count, timeoutMs, () => `timed out waiting for ${count} connector call(s); got: ${calls.map((c) => `${c.route} ${c.path}`).join(', ') || 'none'}`),
    reset() {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
