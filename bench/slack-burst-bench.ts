/**
 * Slack under a burst: 200 signed app_mention events sent at once to `telework-bot serve` (its own
 * process, Slack Web API stand-in on loopback). Reports the ack latency p50/p99 (target p99 ≤ 300 ms,
 * Slack gives up at 3 s) and checks that every event is answered exactly once.
 * Run alone: `npm run build && node dist/bench/slack-burst-bench.js`.
 */
import { createHmac } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchQuestions } from './questions.js';
import { startServe, stopServe } from './serve-process.js';
import { median, percentile, round } from './stats.js';

const SECRET = 'bench-signing-secret';
const QUESTIONS = benchQuestions();

async function startSlackStub(): Promise<{ server: Server; url: string; posts: Map<string, number> }> {
  const posts = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      if (req.url?.includes('chat.postMessage')) {
        const thread = new URLSearchParams(body).get('thread_ts') ?? JSON.parse(body || '{}').thread_ts ?? '?';
        posts.set(thread, (posts.get(thread) ?? 0) + 1);
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', ts: `${Date.now() / 1000}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, posts };
}

function signedEvent(run: number, i: number): { body: string; headers: Record<string, string>; threadTs: string } {
  const ts = Math.floor(Date.now() / 1000);
  const threadTs = `${ts}.${String(run * 1000 + i).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `EvBURST${process.pid}r${run}i${i}`,
    event_time: ts,
    event: { type: 'app_mention', user: `U${i % 50}`, text: `<@UBOT> ${QUESTIONS[i % QUESTIONS.length]}`, ts: threadTs, channel: 'C1', event_ts: threadTs },
  });
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-slack-signature': sig, 'x-slack-request-timestamp': String(ts) }, threadTs };
}

/** POST with node:http, one connection per request as Slack makes them (fetch's own cost under a burst would be measured too); resolves with the latency. */
function post(agent: Agent, url: string, body: string, headers: Record<string, string>): Promise<{ ms: number; status: number }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const s = performance.now();
    const r = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - s, status: res.statusCode ?? 0 }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** The same burst against a server that does nothing: the floor of this measurement on this machine now. */
async function floorP99(agent: Agent, n: number): Promise<number> {
  const srv = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
  try {
    const p99s: number[] = [];
    for (let run = 0; run < 4; run++) {
      const t = await Promise.all(Array.from({ length: n }, () => post(agent, url, '{}', { 'content-type': 'application/json' })));
      if (run > 0) p99s.push(percentile(t.map((x) => x.ms), 99));
    }
    return median(p99s);
  } finally {
    srv.close();
  }
}

export async function slackBurstBench(port: number, n = 200, runs = 3): Promise<void> {
  const stub = await startSlackStub();
  const { child, base } = await startServe({ PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: stub.url });
  try {
    const agent = new Agent({ keepAlive: false, maxSockets: n + 16 });
    const floor = await floorP99(agent, n);
    const p50s: number[] = [];
    const p99s: number[] = [];
    let answeredOnce = 0;
    let total = 0;
    // Run 0 warms up (connections, JIT) and is not counted.
    for (let run = 0; run <= runs; run++) {
      const events = Array.from({ length: n }, (_, i) => signedEvent(run, i));
      const results = await Promise.all(events.map(({ body, headers }) => post(agent, `${base}/slack/events`, body, headers)));
      for (const r of results) if (r.status !== 200) throw new Error(`slack event answered ${r.status}`);
      const times = results.map((r) => r.ms);
      if (run > 0) {
        p50s.push(percentile(times, 50));
        p99s.push(percentile(times, 99));
      }
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && events.some((e) => !stub.posts.has(e.threadTs))) await new Promise((r) => setTimeout(r, 50));
      // Let late duplicates arrive before counting (there should be none).
      await new Promise((r) => setTimeout(r, 500));
      answeredOnce += events.filter((e) => stub.posts.get(e.threadTs) === 1).length;
      total += n;
    }
    agent.destroy();
    console.log(
      `slack burst, ${n} signed events at once (${runs} runs after a warm-up, medians): ack p50 ${round(median(p50s), 1)} ms, p99 ${round(median(p99s), 1)} ms (runs: ${p99s.map((x) => round(x, 0)).join(', ')}; the same burst to an empty server: p99 ${round(floor, 0)} ms); answered exactly once ${answeredOnce}/${total}`,
    );
  } finally {
    await stopServe(child);
    stub.server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await slackBurstBench(39000 + (process.pid % 1000));
