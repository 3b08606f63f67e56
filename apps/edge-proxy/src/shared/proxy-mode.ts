/** How a replica works: `local` (one process), `shared` (replicas through Redis), `degraded` (Redis away). */
export type ProxyMode = 'local' | 'shared' | 'degraded';
