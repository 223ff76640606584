/** `telework-bot serve`: loaded lazily so that ask/eval start without the HTTP stack. */
export async function runServeCommand(): Promise<number> {
  const { runServe } = await import('../../server/serve.js');
  // A person at a terminal gets readable logs and the address on a line of its own; anything else gets JSON lines.
  const terminal = process.stdout.isTTY === true;
  try {
    const { url } = await runServe(process.env, { handleSignals: true, prettyLogs: terminal });
    if (terminal) process.stdout.write(`\n  テレワーク相談ボット: ${url}  (Ctrl+C で終了)\n\n`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      process.stderr.write(`telework-bot: cannot listen: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
  // The server keeps the process alive; SIGTERM/SIGINT close it gracefully.
  return 0;
}
