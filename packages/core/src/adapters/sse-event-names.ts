// The event names of a task watch, in a module of their own: the encoder writes them and the
// events client reads them, and the client's bundle takes these two strings and nothing else.

/** The name of a change's event. */
export const SSE_TASK_EVENT = 'task';
/** The name of the failure event: not `error`, which is EventSource's own name for a lost connection. */
export const SSE_WATCH_FAILED_EVENT = 'watch-failed';
