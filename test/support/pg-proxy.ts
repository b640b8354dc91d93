import net from 'node:net';

/**
 * A TCP proxy in front of a PostgreSQL server, to play a server that dies and comes back, or a
 * standby, in tests of failover: `stop()` drops every connection and refuses new ones (as a killed
 * server does), `start()` listens again on the same port, and `readOnly` makes the sessions it
 * opens read-only (`default_transaction_read_only=on` is added to the startup message), so that
 * `SHOW transaction_read_only` answers `on` as on a standby.
 */
export interface PgProxy {
  port: number;
  /** Sessions opened from now on are read-only (a standby); false: read-write (promoted). */
  readOnly: boolean;
  /** Connections opened through the proxy so far. */
  readonly opened: number;
  /** Drops every connection at once and refuses new ones (resolves once the clients can have noticed). */
  stop(): Promise<void>;
  /** Accepts connections again, on the same port. */
  start(): Promise<void>;
}

/** Protocol 3.0 startup message code; SSL and GSS requests have other codes and are declined. */
const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

export async function startPgProxy(target: { host: string; port: number }, readOnly = false): Promise<PgProxy> {
  const sockets = new Set<net.Socket>();
  let opened = 0;
  const proxy: PgProxy = {
    port: 0,
    readOnly,
    get opened() {
      return opened;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      // The clients' ends of those connections learn of it a moment later, as after a real kill.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(proxy.port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
  };

  const server = net.createServer((client) => {
    opened++;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    const sessionReadOnly = proxy.readOnly;
    let pending = Buffer.alloc(0);
    const onStartup = (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (pending.length < 8) return;
      const length = pending.readInt32BE(0);
      if (pending.length < length) return;
      const code = pending.readInt32BE(4);
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      if (code === SSL_REQUEST || code === GSS_REQUEST) {
        client.write('N');
        if (pending.length > 0) onStartup(Buffer.alloc(0));
        return;
      }
      client.off('data', onStartup);
      upstream.write(code === PROTOCOL_3 && sessionReadOnly ? withReadOnly(message) : message);
      if (pending.length > 0) upstream.write(pending);
      client.pipe(upstream);
      upstream.pipe(client);
    };
    client.on('data', onStartup);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.port = typeof address === 'object' && address ? address.port : 0;
  return proxy;
}

/** The startup message with `options=-c default_transaction_read_only=on` among its parameters. */
function withReadOnly(message: Buffer): Buffer {
  // Length, protocol, then name\0value\0 pairs and a final \0.
  const body = message.subarray(8, message.length - 1);
  const extra = Buffer.from('options\0-c default_transaction_read_only=on\0');
  const rebuilt = Buffer.concat([Buffer.alloc(8), body, extra, Buffer.from([0])]);
  rebuilt.writeInt32BE(rebuilt.length, 0);
  rebuilt.writeInt32BE(PROTOCOL_3, 4);
  return rebuilt;
}
