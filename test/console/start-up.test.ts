import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/server/serve.js';

/** `serve` as `npm start` runs it (no ADMIN_TOKEN, embedded store), its log lines captured. */
async function serve(env: Record<string, string>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      cb();
    },
  });
  const running = await runServe({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, { logDestination: sink });
  return { running, messages: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

describe('serve prints the console sign-in at start-up', () => {
  it('without ADMIN_TOKEN: a sign-in URL with a token made for this process, which opens the tickets', async () => {
    const { running, messages } = await serve({});
    try {
      const line = messages().find((m) => m.startsWith('console: '));
      expect(line).toMatch(/^console: http:\/\/127\.0\.0\.1:\d+\/admin\/sign-in#token=[A-Za-z]{32} /);
      const token = line!.match(/#token=([A-Za-z]+)/)![1]!;
      const base = running.url.replace(/\/$/, '');
      const signIn = await fetch(`${base}/admin/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toBe('/admin');
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${base}/api/tickets`, { headers: { cookie } })).status).toBe(200);
      // The bearer API stays off without ADMIN_TOKEN (the contract), whatever the start-up token.
      expect((await fetch(`${base}/api/tickets`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(503);
    } finally {
      await running.close();
    }
  });

  it('with ADMIN_TOKEN: no token is made; the console URL says to sign in with ADMIN_TOKEN', async () => {
    const { running, messages } = await serve({ ADMIN_TOKEN: 'start-up-admin-token-0123456789' });
    try {
      const line = messages().find((m) => m.startsWith('console: '));
      expect(line).toMatch(/^console: http:\/\/127\.0\.0\.1:\d+\/admin \(sign in with ADMIN_TOKEN\)$/);
      expect(messages().join('\n')).not.toContain('start-up-admin-token-0123456789');
    } finally {
      await running.close();
    }
  });
});
