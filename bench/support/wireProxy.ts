// A loopback TCP proxy in front of a MongoDB-wire server that counts the commands the app sends, by
// name, without changing a line of the app: the database round trips of a run, measured on the wire.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

const OP_MSG = 2013;
/** Connection upkeep, not work the app asked for. */
const HOUSEKEEPING = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'endSessions',
  'buildInfo',
  'saslStart',
]);

export class WireProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  readonly commands = new Map<string, number>();
  url = '';

  constructor(private readonly target: string) {}

  /** Round trips the app made (every command but the connection's upkeep). */
  get roundTrips(): number {
    let n = 0;
    for (const [name, count] of this.commands) if (!HOUSEKEEPING.has(name)) n += count;
    return n;
  }

  reset(): void {
    this.commands.clear();
  }

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      this.sockets.add(client).add(upstream);
      let pending = Buffer.alloc(0);
      client.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        // Messages start with their length (int32 LE): count each whole one by its command's name.
        while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
          const length = pending.readInt32LE(0);
          const name = commandName(pending.subarray(0, length));
          if (name) this.commands.set(name, (this.commands.get(name) ?? 0) + 1);
          pending = pending.subarray(length);
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    const url = new URL(this.target);
    url.host = `127.0.0.1:${port}`;
    this.url = url.toString();
    return this.url;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** The first key of an OP_MSG's body document is the command's name. */
function commandName(message: Buffer): string | null {
  if (message.readInt32LE(12) !== OP_MSG) return null;
  let at = 16 + 4; // header, flagBits
  if (message[at] !== 0) return null; // the body section comes first
  at += 1 + 4 + 1; // kind, document size, first element's type
  const end = message.indexOf(0, at);
  return end > at ? message.toString('utf8', at, end) : null;
}
