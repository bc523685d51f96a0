/** Fields of a log line. */
export type LogFields = Record<string, unknown>;

/** Structured logging: one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** A log level. */
export type LogLevel = (typeof LEVELS)[number];

/** True when `value` names a log level. */
export function isLogLevel(value: string): value is LogLevel {
  return (LEVELS as readonly string[]).includes(value);
}

/**
 * A logger writing JSON lines (`time`, `level`, `msg`, then the fields) to `write`, which
 * log collectors parse without configuration. Nothing secret is ever passed to it.
 */
export function jsonLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = line => process.stdout.write(line),
  base: LogFields = {},
): Logger {
  const min = LEVELS.indexOf(level);
  const at =
    (l: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (LEVELS.indexOf(l) < min) return;
      write(
        `${JSON.stringify({
          time: new Date().toISOString(),
          level: l,
          msg,
          ...base,
          ...fields,
        })}\n`,
      );
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}
