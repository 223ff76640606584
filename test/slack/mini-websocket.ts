import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * A WebSocket server on 127.0.0.1 (the `ws` package) playing Slack's Socket Mode endpoint in
 * tests: it records what clients send and can push envelopes to them.
 */
export interface MiniWsServer {
  url: string;
  /** Text messages received from clients, parsed as JSON. */
  received: any[];
  connections: number;
  waitForConnection(timeoutMs?: number): Promise<void>;
  waitForMessage(pred: (m: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Sends JSON to every open connection. */
  send(message: unknown): void;
  close(): Promise<void>;
}

export async function startMiniWsServer(onOpen: (send: (m: unknown) => void) => void): Promise<MiniWsServer> {
  const received: any[] = [];
  const listeners = new Set<() => void>();
  let connections = 0;
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };

  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.on('connection', (socket) => {
    connections += 1;
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      try {
        received.push(JSON.parse(text));
      } catch {
        received.push(text);
      }
      notify();
    });
    notify();
    onOpen((m) => socket.send(JSON.stringify(m)));
  });
  const { port } = server.address() as AddressInfo;

  const waitUntil = <T>(get: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const v = get();
        if (v === undefined) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  return {
    url: `ws://127.0.0.1:${port}/link`,
    received,
    get connections() {
      return connections;
    },
    waitForConnection: (timeoutMs = 5000) => waitUntil(() => (connections > 0 ? true : undefined), 'a connection', timeoutMs).then(() => {}),
    waitForMessage: (pred, timeoutMs = 5000) => waitUntil(() => received.find(pred), 'a message', timeoutMs),
    send(message) {
      for (const s of server.clients) if (s.readyState === WebSocket.OPEN) s.send(JSON.stringify(message));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of server.clients) s.terminate();
        server.close(() => resolve());
      }),
  };
}
