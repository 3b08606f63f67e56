import type { WatchMessage } from '../watch-message.ts';
import type { DurableObjectStateSlice, HibernatableWebSocket } from '../workers-types.ts';

type WebSocketPairConstructor = new () => Record<0 | 1, HibernatableWebSocket>;

/**
 * A WebSocket viewer through the hibernation API: the server end is accepted by the Durable
 * Object (`ctx.acceptWebSocket`), so it outlives the instance, and the 101 response hands the
 * client end over. Messages are the `WatchMessage`s as JSON.
 */
export function webSocketViewer(state: DurableObjectStateSlice): {
  response: Response;
  send: (message: WatchMessage) => void;
  end: () => void;
} {
  const pair = new (globalThis as unknown as { WebSocketPair: WebSocketPairConstructor }).WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  state.acceptWebSocket(server);
  return {
    response: new Response(null, { status: 101, webSocket: client } as ResponseInit),
    send: (message) => server.send(JSON.stringify(message)),
    end: () => server.close(1000, 'finished'),
  };
}

/** Closes a socket that may already be closed, which is no error here. */
export function closeQuietly(webSocket: HibernatableWebSocket, code: number, reason: string): void {
  try {
    webSocket.close(code, reason);
  } catch {}
}
