import type { WatchMessage } from '../watch-message.ts';
import type { DurableObjectStateSlice, HibernatableWebSocket } from '../workers-types.ts';
import { sseStream, type SseSubscriber } from './sse-stream.ts';
import { webSocketViewer } from './websocket-viewer.ts';

const OPEN = 1;

/** One viewer as the watcher feeds it. */
export interface Viewer {
  response: Response;
  send(message: WatchMessage): void;
  end(): void;
}

/**
 * Everyone watching: SSE streams, held by this instance, and WebSockets, held by the runtime
 * (hibernation API) so that they outlive it. `onStreamLeft` runs when an SSE viewer is gone.
 */
export class Viewers {
  readonly #state: DurableObjectStateSlice;
  readonly #onStreamLeft: () => void;
  readonly #streams = new Set<SseSubscriber>();

  constructor(state: DurableObjectStateSlice, onStreamLeft: () => void) {
    this.#state = state;
    this.#onStreamLeft = onStreamLeft;
  }

  open(webSocket: boolean): Viewer {
    if (webSocket) return webSocketViewer(this.#state);
    const { response, subscriber } = sseStream((left) => {
      if (this.#streams.delete(left)) this.#onStreamLeft();
    });
    this.#streams.add(subscriber);
    return {
      response,
      send: (message) => subscriber.send(message),
      end: () => {
        this.#streams.delete(subscriber);
        subscriber.end();
      },
    };
  }

  /** Viewers still connected, leaving out a socket that is on its way out. */
  count(except?: HibernatableWebSocket): number {
    return this.#webSockets(except).length + this.#streams.size;
  }

  counts(): { webSockets: number; eventStreams: number } {
    return { webSockets: this.#webSockets().length, eventStreams: this.#streams.size };
  }

  broadcast(message: WatchMessage): void {
    const text = JSON.stringify(message);
    for (const socket of this.#webSockets()) {
      try {
        socket.send(text);
      } catch {}
    }
    for (const stream of this.#streams) stream.send(message);
  }

  /** SSE only: keeps idle connections open, and is how workerd tells a stream its reader left. */
  ping(): void {
    for (const stream of this.#streams) stream.ping();
  }

  endAll(code: number, reason: string): void {
    for (const socket of this.#webSockets()) {
      try {
        socket.close(code, reason);
      } catch {}
    }
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
  }

  #webSockets(except?: HibernatableWebSocket): HibernatableWebSocket[] {
    return this.#state.getWebSockets().filter((socket) => socket !== except && socket.readyState === OPEN);
  }
}
