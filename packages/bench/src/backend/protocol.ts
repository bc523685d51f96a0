/** What the bench asks its backend process over IPC. */
export type BackendRequest =
  | { type: 'memory'; id: number }
  | { type: 'profileStart'; id: number }
  | { type: 'profileStop'; id: number; file: string };

/** What the backend process answers. */
export type BackendReply =
  | { type: 'started' }
  | { type: 'failed'; message: string }
  | {
      type: 'memory';
      id: number;
      rss: number;
      heapUsed: number;
      /** CPU time the process has used (user + system), before the collection. */
      cpuMs: number;
      /** The same after the collection: the next window starts there. */
      cpuAfterGcMs: number;
    }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string };
