// The headless command line as a user runs it: a child process from an empty folder (so no developer's
// .env is read), its configuration from the environment only.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli/index.ts');
const TSX = import.meta.resolve('tsx');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has ended, whatever the way. */
  done: Promise<CliResult>;
}

export function spawnCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  input?: string,
): CliProcess {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
      MONGODB_URI: '',
      URI: '',
      NATIONALIZE_API_KEY: '',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolveDone, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  child.stdin.end(input ?? '');
  return { child, done };
}

export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  input?: string,
): Promise<CliResult> {
  return spawnCli(args, env, cwd, input).done;
}
