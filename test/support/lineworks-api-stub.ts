import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { readBody } from './read-body.js';
import { waitForCalls } from './wait-for-calls.js';

/** One request the stand-in received. */
export interface LineWorksCall {
  route: 'token' | 'message' | 'other';
  path: string;
  /** For 'message': whom it went to. */
  to?: { userId: string } | { channelId: string };
  botId?: string;
  /** JSON body (message) or form fields (token). */
  body: Record<string, any>;
  raw: string;
  headers: IncomingMessage['headers'];
  /** What the stand-in answered. */
  status: number;
  /** For 'token': the verified JWT claims, or the reason it was refused. */
  assertion?: { claims: Record<string, unknown>; alg: string } | { error: string };
}

export interface LineWorksApiStub {
  /** LINEWORKS_API_URL (like https://www.worksapis.com/v1.0). */
  apiUrl: string;
  /** LINEWORKS_AUTH_URL (like https://auth.worksmobile.com/oauth2/v2.0/token). */
  authUrl: string;
  calls: LineWorksCall[];
  tokenCalls(): LineWorksCall[];
  /** Successful token exchanges (answered 200). */
  tokensIssued(): number;
  messages(match?: (c: LineWorksCall) => boolean): LineWorksCall[];
  waitForMessages(match: (c: LineWorksCall) => boolean, count?: number, timeoutMs?: number): Promise<LineWorksCall[]>;
  /** The next `times` calls to a route answer `status` (with optional headers, e.g. Retry-After). */
  failNext(route: 'token' | 'message', status: number, times?: number, headers?: Record<string, string>): void;
  /** Tokens refused from now on (the API answers 401 for them, as for an expired token). */
  revokeTokens(): void;
  /** expires_in of issued tokens, in seconds (string, as LINE WORKS sends it). */
  expiresIn: string;
  /** How long the token endpoint takes (to let concurrent sends pile up behind one refresh). */
  tokenDelayMs: number;
  reset(): void;
  close(): Promise<void>;
}

const MESSAGE = /^\/v1\.0\/bots\/([^/]+)\/(users|channels)\/([^/]+)\/messages$/;

/**
 * A recording stand-in for the LINE WORKS token endpoint and Bot API on 127.0.0.1. The token
 * endpoint verifies the JWT assertion with the app's public key (RS256, iss = client id, sub =
 * service account) and the form fields; the message API accepts only tokens it issued.
 */
export async function startLineWorksApiStub(opts: { publicKey: KeyObject; clientId: string; clientSecret: string; serviceAccount: string }): Promise<LineWorksApiStub> {
  const calls: LineWorksCall[] = [];
  const waiters = new Set<() => boolean>();
  const failures: Record<'token' | 'message', Array<{ status: number; headers: Record<string, string> }>> = { token: [], message: [] };
  const valid = new Set<string>();
  let issued = 0;

  const stub: LineWorksApiStub = {
    apiUrl: '',
    authUrl: '',
    calls,
    tokenCalls: () => calls.filter((c) => c.route === 'token'),
    tokensIssued: () => calls.filter((c) => c.route === 'token' && c.status === 200).length,
    messages: (match = () => true) => calls.filter((c) => c.route === 'message' && c.status === 201 && match(c)),
    waitForMessages: (match, count = 1, timeoutMs = 5000) =>
      waitForCalls(waiters, () => stub.messages(match), count, timeoutMs, () => `timed out waiting for ${count} message(s); got ${stub.messages(match).length} (all: ${calls.map((c) => `${c.route} ${c.path} ${c.status}`).join(', ') || 'none'})`),
    failNext(route, status, times = 1, headers = {}) {
      for (let i = 0; i < times; i++) failures[route].push({ status, headers });
    },
    revokeTokens: () => valid.clear(),
    expiresIn: '86400',
    tokenDelayMs: 0,
    reset() {
      calls.length = 0;
      failures.token.length = 0;
      failures.message.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function token(raw: string, headers: IncomingMessage['headers']): Promise<Pick<LineWorksCall, 'body' | 'status' | 'assertion'> & { answer: Record<string, unknown> }> {
    const body = Object.fromEntries(new URLSearchParams(raw));
    let assertion: LineWorksCall['assertion'];
    try {
      const { payload, protectedHeader } = await jwtVerify(body['assertion'] ?? '', opts.publicKey, { algorithms: ['RS256'], issuer: opts.clientId, subject: opts.serviceAccount });
      assertion = { claims: payload as Record<string, unknown>, alg: protectedHeader.alg };
    } catch (e) {
      assertion = { error: (e as Error).message };
    }
    const formOk =
      headers['content-type']?.startsWith('application/x-www-form-urlencoded') &&
      body['grant_type'] === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
      body['client_id'] === opts.clientId &&
      body['client_secret'] === opts.clientSecret &&
      body['scope'] === 'bot';
    if ('error' in assertion || !formOk) return { body, status: 400, assertion, answer: { error: 'invalid_request', error_description: 'error' in assertion ? assertion.error : 'bad form' } };
    issued += 1;
    const accessToken = `stub-token-${issued}`;
    valid.add(accessToken);
    return { body, status: 200, assertion, answer: { access_token: accessToken, refresh_token: `refresh-${issued}`, scope: 'bot', token_type: 'Bearer', expires_in: stub.expiresIn } };
  }

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const record = (c: Omit<LineWorksCall, 'path' | 'raw' | 'headers'>, answer: unknown, headers: Record<string, string> = {}): void => {
      calls.push({ ...c, path, raw, headers: req.headers });
      res.writeHead(c.status, { 'content-type': 'application/json', ...headers }).end(answer === undefined ? '' : JSON.stringify(answer));
      for (const w of [...waiters]) w();
    };
    if (req.method === 'POST' && path === '/oauth2/v2.0/token') {
      if (stub.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, stub.tokenDelayMs));
      const failure = failures.token.shift();
      if (failure !== undefined) return record({ route: 'token', body: {}, status: failure.status }, { code: 'STUB_FAILURE' }, failure.headers);
      const t = await token(raw, req.headers);
      return record({ route: 'token', body: t.body, status: t.status, ...(t.assertion ? { assertion: t.assertion } : {}) }, t.answer);
    }
    const m = MESSAGE.exec(path);
    if (req.method === 'POST' && m !== null) {
      const id = decodeURIComponent(m[3]!);
      const to = m[2] === 'users' ? { userId: id } : { channelId: id };
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw) as Record<string, any>;
      } catch {
        return record({ route: 'message', to, botId: m[1]!, body, status: 400 }, { code: 'INVALID_PARAMETER' });
      }
      const failure = failures.message.shift();
      if (failure !== undefined) return record({ route: 'message', to, botId: m[1]!, body, status: failure.status }, { code: 'STUB_FAILURE' }, failure.headers);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (bearer === undefined || !valid.has(bearer)) return record({ route: 'message', to, botId: m[1]!, body, status: 401 }, { code: 'UNAUTHORIZED', description: 'Authentication failed' });
      return record({ route: 'message', to, botId: m[1]!, body, status: 201 }, undefined);
    }
    record({ route: 'other', body: {}, status: 404 }, { code: 'NOT_FOUND' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  stub.apiUrl = `http://127.0.0.1:${port}/v1.0`;
  stub.authUrl = `http://127.0.0.1:${port}/oauth2/v2.0/token`;
  return stub;
}
