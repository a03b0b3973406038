// A small leveled logger writing one line per entry to stderr (stdout is kept for what the user asked for).
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const describe = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

export function createStderrLogger(scope: string): Logger {
  const write = (level: string, message: string) =>
    process.stderr.write(`${new Date().toISOString()} ${level} [${scope}] ${message}\n`);
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message, error) => write('error', error === undefined ? message : `${message}: ${describe(error)}`),
  };
}
