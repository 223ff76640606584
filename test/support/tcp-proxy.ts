import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './smtp-sink.js';

/** A loopback TCP proxy to Redis that a test can cut and restore, without touching the shared server. */
export interface TcpProxy {
  port: number;
  url: string;
  /** Closes the listener and every open connection: clients see Redis as unreachable. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = async (): Promise<void> => {
    server = createServer((client) => {
      const upstream = createConnection(targetPort, targetHost);
      sockets.add(client);
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
  };
  const cut = async (): Promise<void> => {
    const s = server;
    server = null;
    for (const so of sockets) so.destroy();
    sockets.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  await listen();
  return { port, url: `redis://127.0.0.1:${port}`, cut, restore: listen, close: cut };
}
