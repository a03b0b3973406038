// Starts an HTTP (or HTTP/2) server on 127.0.0.1 (the sandbox coordinators) and closes it for good: open connections,
// keep-alive ones included, are cut instead of waited for, so closing never hangs on an idle client.
import type { AddressInfo, Server, Socket } from 'node:net';

export interface LoopbackListener {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export function listenOnLoopback(server: Server, port = 0): Promise<LoopbackListener> {
  return listenOn(server, { host: '127.0.0.1', port });
}

/** Like listenOnLoopback, on a host of the caller's choice (a service other machines may reach). */
export async function listenOn(server: Server, where: { host: string; port: number }): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
