/**
 * Server figures for `npm run bench`, measured from outside over loopback like a real client:
 * - Slack ack latency p50/p99 over 1,000 signed app_mention events (each answered after the ack),
 * - answers per second through POST /api/ask with 20 requests in flight.
 * The server runs as its own process (`telework-bot serve`), the Slack Web API is a local stand-in.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/knowledge/paths.js';
import { benchQuestions } from './questions.js';
import { startServe, stopServe } from './serve-process.js';
import { slackBurstBench } from './slack-burst-bench.js';
import { percentile, round } from './stats.js';

const root = packageRoot();
const SECRET = 'bench-signing-secret';
const BENCH_QUESTIONS = benchQuestions();

/** A Slack Web API stand-in that answers every method with ok and counts posted messages. */
async function startSlackStub(): Promise<{ server: Server; url: string; posts: () => number }> {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.includes('chat.postMessage')) posts++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', ts: `${Date.now() / 1000}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/api/`, posts: () => posts };
}

function signedEvent(i: number): { body: string; headers: Record<string, string> } {
  const ts = Math.floor(Date.now() / 1000);
  const q = BENCH_QUESTIONS[i % BENCH_QUESTIONS.length]!;
  const body = JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `EvBENCH${process.pid}${i}`,
    event_time: ts,
    event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${q}`, ts: `${ts}.${String(i).padStart(6, '0')}`, channel: 'C1', event_ts: `${ts}.${i}` },
  });
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-slack-signature': sig, 'x-slack-request-timestamp': String(ts) } };
}

async function slackAckBench(port: number): Promise<void> {
  const stub = await startSlackStub();
  const { child, base } = await startServe({ PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: stub.url });
  try {
    const n = 1000;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const { body, headers } = signedEvent(i);
      const s = performance.now();
      const res = await fetch(`${base}/slack/events`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      times.push(performance.now() - s);
      if (res.status !== 200) throw new Error(`slack event ${i} answered ${res.status}`);
    }
    for (let i = 0; i < 200 && stub.posts() < n; i++) await new Promise((r) => setTimeout(r, 50));
    console.log(
      `slack ack over ${n} signed events (sequential): p50 ${round(percentile(times, 50), 2)} ms, p99 ${round(percentile(times, 99), 2)} ms; replies posted ${stub.posts()}/${n}`,
    );
  } finally {
    await stopServe(child);
    stub.server.close();
  }
}

async function askThroughputBench(port: number): Promise<void> {
  // One client sending 2,000 questions: the per-client limit is off for the measurement.
  const { child, base } = await startServe({ PORT: String(port), RATE_LIMIT_ASK_PER_MINUTE: '0' });
  try {
    const concurrency = 20;
    const total = 2000;
    let next = 0;
    const latencies: number[] = [];
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        const res = await fetch(`${base}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question: BENCH_QUESTIONS[i % BENCH_QUESTIONS.length] }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        if (res.status !== 200) throw new Error(`/api/ask answered ${res.status}`);
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `/api/ask with ${concurrency} in flight, ${total} requests: ${round(total / seconds, 0)} answers/s, latency p50 ${round(percentile(latencies, 50), 2)} ms, p99 ${round(percentile(latencies, 99), 2)} ms`,
    );
  } finally {
    await stopServe(child);
  }
}

// Below the ephemeral range (32768–60999), so no client socket of the benches holds one of these ports.
const port = 20000 + 3 * (process.pid % 1000);
console.log('\nserver (telework-bot serve as its own process, clients on loopback):');
// The Slack adapter lands in its own change; measure it once it is there.
if (existsSync(join(root, 'adapters', 'slack', 'index.ts')) && existsSync(join(root, 'dist', 'adapters', 'slack', 'index.js'))) {
  await slackAckBench(port);
  await slackBurstBench(port + 2);
}
else console.log('slack ack: the Slack adapter is not in this build yet');
await askThroughputBench(port + 1);
