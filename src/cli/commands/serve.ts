/** `telework-bot serve`: loaded lazily so that ask/eval start without the HTTP stack. */
export async function runServeCommand(): Promise<number> {
  const { runServe } = await import('../../server/serve.js');
  await runServe();
  // The server keeps the process alive; SIGTERM/SIGINT close it gracefully.
  return 0;
}
