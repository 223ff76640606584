/** `telework-bot serve` as a child process for the benches, started and stopped like an operator would. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/knowledge/paths.js';

const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

/** Starts serve with `env` (PORT required) and waits for /healthz; throws with its stderr if it exits. */
export async function startServe(env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  child.stdout!.resume();
  const base = `http://127.0.0.1:${env.PORT}`;
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    if (child.exitCode !== null) throw new Error(`serve exited: ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`serve did not become healthy: ${stderr}`);
}

/** SIGTERM, then wait for the graceful shutdown to finish. */
export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}
