// The main process log: console lines with a timestamp, also handed to the core as its `log`.
export type Log = (message: string) => void;

function line(level: string, message: string): string {
  return `${new Date().toISOString()} ${level} ${message}`;
}

export const log: Log = (message) => console.log(line('INFO', message));

export function logError(message: string, err?: unknown): void {
  const detail =
    err === undefined ? '' : `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  console.error(line('ERROR', `${message}${detail}`));
}
