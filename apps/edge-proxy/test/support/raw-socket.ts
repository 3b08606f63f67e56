import { connect, type Socket } from 'node:net';

// Connections made by hand, to see what a server does with a socket that a fetch would hide.

/** A raw connection to 127.0.0.1:`port`: its bytes so far, and whether the server closed it. */
export async function rawConnection(port: number): Promise<{ socket: Socket; received(): string; closed(): boolean }> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed: () => closed };
}

/** Whether a new connection to 127.0.0.1:`port` is refused. */
export function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
