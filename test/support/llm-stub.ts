import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.js';

export interface LlmStub {
  url: string;
  requests: { path: string; body: any }[];
  /** What the next answers say; set per test. */
  reply: { text: string; status?: number; delayMs?: number };
  close(): Promise<void>;
}

/**
 * A local stand-in for an OpenAI-compatible endpoint (POST /v1/chat/completions) and for
 * Ollama (POST /api/chat, NDJSON stream), recording what it receives.
 */
export async function startLlmStub(): Promise<LlmStub> {
  const stub: LlmStub = { url: '', requests: [], reply: { text: '' }, close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : null;
    stub.requests.push({ path: req.url ?? '', body });
    const { text, status = 200, delayMs = 0 } = stub.reply;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (res.destroyed) return;
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'stub failure' } }));
      return;
    }
    if (req.url?.startsWith('/v1/chat/completions')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-stub',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body?.model ?? 'stub',
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
      return;
    }
    if (req.url?.startsWith('/api/chat')) {
      const base = { model: body?.model ?? 'stub', created_at: new Date().toISOString() };
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ ...base, message: { role: 'assistant', content: text }, done: false })}\n`);
      res.end(`${JSON.stringify({ ...base, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 1, eval_count: 1 })}\n`);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return stub;
}
