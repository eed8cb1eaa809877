// The MongoDB the tests use, in this order: MONGODB_TEST_URI (any real server); else jongodb, an
// in-memory wire-compatible server shipped in an npm package; else mongodb-memory-server (a real mongod,
// downloaded on machines with internet). Each test gets its own database name.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';

export interface TestMongo {
  /** A URI for a fresh, uniquely named database on the server. */
  uri(label?: string): string;
  /** Stops the server (only if the tests started it). */
  stop(): Promise<void>;
  /** Stops and starts the server on the same port: the "database went away" case. */
  kill?(): Promise<void>;
  restart?(): Promise<void>;
  /** Freezes the server (SIGSTOP) and lets it go on (SIGCONT): a database that stops answering. */
  pause?(): void;
  resume?(): void;
  kind: 'env' | 'jongodb' | 'mongodb-memory-server';
}

const require = createRequire(import.meta.url);

function withDb(base: string, label: string): string {
  const db = `${label}_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${db}`;
  return url.toString();
}

function jongodbBinary(): string | null {
  try {
    const pkg = require.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json');
    const bin = join(dirname(pkg), 'bin', 'jongodb');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

async function startJongodb(bin: string, port = 0): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(bin, [`--port=${port}`], { stdio: ['ignore', 'pipe', 'ignore'] });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('jongodb did not start within 15 s')), 15_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^JONGODB_URI=(\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`jongodb exited with ${code}`)));
  });
  return { base, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export async function startTestMongo(): Promise<TestMongo> {
  const fromEnv = process.env.MONGODB_TEST_URI;
  if (fromEnv) return { kind: 'env', uri: (label = 'test') => withDb(fromEnv, label), stop: async () => {} };

  const bin = jongodbBinary();
  if (bin) {
    let { base, child } = await startJongodb(bin);
    const port = Number(new URL(base).port);
    return {
      kind: 'jongodb',
      uri: (label = 'test') => withDb(base, label),
      stop: () => stopChild(child),
      kill: () => stopChild(child),
      pause: () => void child.kill('SIGSTOP'),
      resume: () => void child.kill('SIGCONT'),
      restart: async () => {
        await stopChild(child);
        ({ base, child } = await startJongodb(bin, port));
      },
    };
  }

  const { MongoMemoryServer } = (await import(/* @vite-ignore */ 'mongodb-memory-server' as string)) as {
    MongoMemoryServer: { create(): Promise<{ getUri(): string; stop(): Promise<boolean> }> };
  };
  const server = await MongoMemoryServer.create();
  return {
    kind: 'mongodb-memory-server',
    uri: (label = 'test') => withDb(server.getUri(), label),
    stop: async () => void (await server.stop()),
  };
}
