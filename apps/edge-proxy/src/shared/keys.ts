// Every key the proxy keeps in Redis, in one place. Task ids are validated before they get here
// (`^[A-Za-z0-9_-]{1,128}$`) and principals are fixed-size digests, so keys are bounded.
export const keys = {
  lease: (taskId: string) => `vidgo:lease:${taskId}`,
  events: (taskId: string) => `vidgo:events:${taskId}`,
  terminal: (taskId: string) => `vidgo:task:${taskId}`,
  fresh: (taskId: string) => `vidgo:fresh:${taskId}`,
  missing: (taskId: string) => `vidgo:missing:${taskId}`,
  reading: (taskId: string) => `vidgo:reading:${taskId}`,
  streams: (principal: string) => `vidgo:streams:${principal}`,
  rateLimitPrefix: 'vidgo:rate',
};
