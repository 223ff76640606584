import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './smtp-sink.js';

/** A throw-away Dovecot IMAP server on loopback (Debian's dovecot-imapd), one passwd-file user. */
export interface Dovecot {
  port: number;
  user: string;
  pass: string;
  /** imap://user:pass@127.0.0.1:port */
  url: string;
  /** Stops the server (connections drop) until start() again, on the same port and mail. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';

/** Process groups still running: killed when the test process exits, however it exits (they are detached). */
const live = new Set<number>();
const killGroup = (pid: number): void => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: gone already.
  }
};
process.once('exit', () => {
  for (const pid of live) killGroup(pid);
});

/** Resolves once something accepts TCP connections on the port; rejects after timeoutMs. */
async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1');
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function config(dir: string, port: number): string {
  // Measured minimal config (shared/notes/dependencies.md): login processes must not run as root, mail owned by nobody.
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;
}

export async function startDovecot(opts: { user?: string; pass?: string } = {}): Promise<Dovecot> {
  const user = opts.user ?? 'office';
  const pass = opts.pass ?? 'secret-pass';
  const dir = mkdtempSync(join(tmpdir(), 'tw-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  mkdirSync(join(dir, 'mail'), { recursive: true });
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'state'));
  // Dovecot refuses mail owned by root; "nobody" is 65534 on Debian.
  chownSync(join(dir, 'mail'), 65534, 65534);
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${pass}::::::\n`);
  writeFileSync(join(dir, 'dovecot.conf'), config(dir, port));
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    // Its own process group, so that stop() ends the login and imap processes too (a real outage, not a lingering session).
    const p = spawn(DOVECOT_BIN, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    p.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child = p;
    live.add(p.pid!);
    const exited = new Promise<never>((_, reject) => p.once('exit', (code) => reject(new Error(`dovecot exited (${code}): ${stderr.trim()}`))));
    await Promise.race([waitForPort(port, 10_000), exited]);
    exited.catch(() => {});
  };
  const stop = async (): Promise<void> => {
    const p = child;
    child = null;
    if (p === null || p.exitCode !== null) return;
    // The whole group at once, like a crash or a pulled cable: every session ends now.
    await new Promise<void>((r) => {
      p.once('exit', () => r());
      killGroup(p.pid!);
    });
    live.delete(p.pid!);
  };
  await start();
  return {
    port,
    user,
    pass,
    url: `imap://${user}:${pass}@127.0.0.1:${port}`,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
