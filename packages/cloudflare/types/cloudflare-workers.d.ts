// `cloudflare:workers` as this package's own sources see it: the Durable Object base class, no
// more. The published d.ts imports it from there, so in a user's program it is the user's own
// declaration (`wrangler types`, or @cloudflare/workers-types), and TaskWatcher is the branded
// Durable Object that `DurableObjectNamespace<TaskWatcher>` and `ctx.exports` require.
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    /** The Durable Object's state: storage, alarms and hibernatable WebSockets. */
    protected ctx: unknown;
    /** The Worker's bindings. */
    protected env: Env;
    constructor(ctx: unknown, env: Env);
    fetch?(request: Request): Response | Promise<Response>;
    alarm?(alarmInfo?: { readonly retryCount: number; readonly isRetry: boolean }): void | Promise<void>;
    webSocketMessage?(ws: never, message: string | ArrayBuffer): void | Promise<void>;
    webSocketClose?(ws: never, code: number, reason: string, wasClean: boolean): void | Promise<void>;
    webSocketError?(ws: never, error: unknown): void | Promise<void>;
  }
}
