/** `telework-bot serve`: loaded lazily so that ask/eval start without the HTTP stack. */
export async function runServeCommand(): Promise<number> {
  const { runServe } = await import('../../server/serve.js');
  try {
    await runServe(process.env, { handleSignals: true });
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
