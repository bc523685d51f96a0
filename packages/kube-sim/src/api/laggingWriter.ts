/** Lines given to {@link laggingWriter}, written later and in order. */
export interface LaggingWriter {
  send(line: string): void;
  /** Drops what waits: a watch that ends takes its unsent events with it. */
  stop(): void;
}

/**
 * Writes each line `lagMs()` after it is sent, never before a line sent earlier: the
 * watch-latency fault. With no lag and nothing waiting, a line is written at once.
 */
export function laggingWriter(
  write: (line: string) => void,
  lagMs: () => number,
): LaggingWriter {
  const waiting: { due: number; line: string }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const now = Date.now();
    while (waiting.length > 0 && waiting[0].due <= now) {
      write(waiting.shift()!.line);
    }
    if (waiting.length > 0) {
      timer = setTimeout(flush, waiting[0].due - now);
    }
  };
  return {
    send(line) {
      const lag = lagMs();
      if (lag === 0 && waiting.length === 0) {
        write(line);
        return;
      }
      const due = Math.max(Date.now() + lag, waiting.at(-1)?.due ?? 0);
      waiting.push({ due, line });
      timer ??= setTimeout(flush, due - Date.now());
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      waiting.length = 0;
    },
  };
}
