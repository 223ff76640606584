import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A minimal WebSocket server (RFC 6455, text frames, ping/pong, close) on 127.0.0.1, enough to
 * play Slack's Socket Mode endpoint in tests without extra dependencies.
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

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else if (len >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

export async function startMiniWsServer(onOpen: (send: (m: unknown) => void) => void): Promise<MiniWsServer> {
  const sockets = new Set<Duplex>();
  const received: any[] = [];
  const listeners = new Set<() => void>();
  let connections = 0;
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };

  const server: Server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return socket.destroy();
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    connections += 1;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0]! & 0x0f;
        let len = buf[1]! & 0x7f;
        const masked = (buf[1]! & 0x80) !== 0;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        const maskLen = masked ? 4 : 0;
        if (buf.length < off + maskLen + len) return;
        const mask = buf.subarray(off, off + maskLen);
        const payload = Buffer.from(buf.subarray(off + maskLen, off + maskLen + len));
        if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
        buf = buf.subarray(off + maskLen + len);
        if (opcode === 0x1) {
          try {
            received.push(JSON.parse(payload.toString('utf8')));
          } catch {
            received.push(payload.toString('utf8'));
          }
        } else if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          socket.end(frame(0x8, payload.subarray(0, 2)));
          sockets.delete(socket);
        }
      }
    });
    notify();
    onOpen((m) => socket.write(frame(0x1, Buffer.from(JSON.stringify(m)))));
  });
  // Wake waiters on every received message too.
  const origPush = received.push.bind(received);
  received.push = (...items: any[]) => {
    const n = origPush(...items);
    notify();
    return n;
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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
      for (const s of sockets) s.write(frame(0x1, Buffer.from(JSON.stringify(message))));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
