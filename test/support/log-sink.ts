import { Writable } from 'node:stream';

/** A destination for a pino logger that keeps every line written (JSON, one per chunk) for the test to read. */
export function logSink(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { lines, sink };
}
