/**
 * LINE WORKS figures for `npm run bench`: `telework-bot serve` as its own process with the LINE
 * WORKS adapter, 1,000 signed text callbacks posted sequentially over loopback. Measures the
 * acknowledgement latency (p50/p99), how long until every answer reached the Bot API stand-in, and
 * how many access tokens were fetched for them (the cache should make it one).
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchQuestions } from './questions.js';
import { startServe, stopServe } from './serve-process.js';
import { percentile, round } from './stats.js';

const BOT_ID = '2000001';
const SECRET = 'bench-bot-secret';
const QUESTIONS = benchQuestions();

async function startStub(): Promise<{ close(): void; apiUrl: string; authUrl: string; posts: () => number; tokens: () => number }> {
  let posts = 0;
  let tokens = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/oauth2/v2.0/token') {
        tokens++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `bench-${tokens}`, token_type: 'Bearer', expires_in: '86400', scope: 'bot' }));
        return;
      }
      if (req.url?.endsWith('/messages')) posts++;
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { close: () => server.close(), apiUrl: `http://127.0.0.1:${port}/v1.0`, authUrl: `http://127.0.0.1:${port}/oauth2/v2.0/token`, posts: () => posts, tokens: () => tokens };
}

const stub = await startStub();
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const port = 39000 + (process.pid % 1000);
const { child, base } = await startServe({
  PORT: String(port),
  LINEWORKS_BOT_ID: BOT_ID,
  LINEWORKS_BOT_SECRET: SECRET,
  LINEWORKS_CLIENT_ID: 'bench-client',
  LINEWORKS_CLIENT_SECRET: 'bench-client-secret',
  LINEWORKS_SERVICE_ACCOUNT: 'bench.serviceaccount@example',
  LINEWORKS_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  LINEWORKS_API_URL: stub.apiUrl,
  LINEWORKS_AUTH_URL: stub.authUrl,
});
try {
  const n = 1000;
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({ type: 'message', source: { userId: `bench-user-${i}`, domainId: 1 }, issuedTime: new Date().toISOString(), content: { type: 'text', text: QUESTIONS[i % QUESTIONS.length] } });
    const signature = createHmac('sha256', SECRET).update(body).digest('base64');
    const s = performance.now();
    const res = await fetch(`${base}/lineworks/callback`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-works-botid': BOT_ID, 'x-works-signature': signature }, body });
    await res.arrayBuffer();
    times.push(performance.now() - s);
    if (res.status !== 200) throw new Error(`callback ${i} answered ${res.status}`);
  }
  for (let i = 0; i < 400 && stub.posts() < n; i++) await new Promise((r) => setTimeout(r, 25));
  const allMs = performance.now() - start;
  console.log(
    `\nlineworks: ${n} signed callbacks (sequential): ack p50 ${round(percentile(times, 50), 2)} ms, p99 ${round(percentile(times, 99), 2)} ms; ` +
      `answers posted ${stub.posts()}/${n} in ${round(allMs / 1000, 2)} s; access tokens fetched: ${stub.tokens()}`,
  );
} finally {
  await stopServe(child);
  stub.close();
}
