// The nationalize.io stand-in in a process of its own, so a benchmark's figures are the app's alone (its
// event loop is not shared with the stand-in's), with its counters read over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

export interface FakeStats {
  requests: number;
  namesRequested: number;
  maxInFlight: number;
  distinctAnswered: number;
}

export class RemoteFake {
  private child: ChildProcess | null = null;
  url = '';

  async start(latencyMs: number): Promise<string> {
    const script = resolve(import.meta.dirname, '../../scripts/fake-nationalize.ts');
    this.child = spawn(process.execPath, ['--import', 'tsx', script, '--latency', String(latencyMs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.url = await new Promise<string>((done, fail) => {
      const lines = createInterface({ input: this.child!.stdout! });
      lines.on('line', (line) => {
        const match = /^NATIONALIZE_BASE_URL=(\S+)/.exec(line);
        if (match) done(match[1]!);
      });
      this.child!.once('exit', (code) => fail(new Error(`the stand-in exited with ${code}`)));
    });
    return this.url;
  }

  async stats(): Promise<FakeStats> {
    return (await fetch(`${this.url}/__stats`)).json() as Promise<FakeStats>;
  }

  async reset(): Promise<void> {
    await fetch(`${this.url}/__reset`);
  }

  stop(): void {
    this.child?.kill('SIGKILL');
  }
}
