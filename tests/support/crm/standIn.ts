// What the CRM stand-ins share: a loopback HTTP server with routes, a request log, and answers the tests
// inject (a status, a delay after applying, a hang) to play the network going wrong.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  raw: string;
}

export interface StandInAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * An injected behaviour for the next matching request:
 *  - `answer`: answer this instead of handling the request (nothing is applied);
 *  - `lateMs`: handle it (apply it) and answer after this delay: the client may have given up;
 *  - `hang`: never answer (the client times out); nothing is applied.
 */
export type Injection =
  | { match?: RegExp; answer: StandInAnswer }
  | { match?: RegExp; lateMs: number }
  | { match?: RegExp; hang: true };

export type Handler = (req: StandInRequest) => StandInAnswer | Promise<StandInAnswer>;

export class StandInServer {
  url = '';
  readonly requests: StandInRequest[] = [];
  private readonly injections: Injection[] = [];
  /** Chaos for every request: return an injection (or null to handle normally). */
  chaos: ((req: StandInRequest, n: number) => Injection | null) | null = null;
  private server: Server | null = null;

  constructor(
    private readonly handler: Handler,
    /** Headers every answer carries (rate-limit headers). */
    private readonly commonHeaders: (req: StandInRequest) => Record<string, string> = () => ({}),
  ) {}

  /** The next matching requests get these, in order. */
  inject(...injections: Injection[]): void {
    this.injections.push(...injections);
  }

  count(method: string, pathPattern: RegExp): number {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path)).length;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const request: StandInRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      raw,
    };
    this.requests.push(request);
    const index = this.injections.findIndex(
      (i) => !i.match || i.match.test(`${request.method} ${request.path}`),
    );
    const injection =
      index >= 0
        ? this.injections.splice(index, 1)[0]!
        : (this.chaos?.(request, this.requests.length) ?? null);
    if (injection && 'hang' in injection) return; // the socket stays open until the client gives up
    const answer: StandInAnswer =
      injection && 'answer' in injection
        ? injection.answer
        : await Promise.resolve(this.handler(request)).catch((err: unknown) => ({
            status: 500,
            body: { error: String(err) },
          }));
    if (injection && 'lateMs' in injection) await new Promise((r) => setTimeout(r, injection.lateMs));
    if (res.destroyed) return;
    const headers = { 'Content-Type': 'application/json', ...this.commonHeaders(request), ...answer.headers };
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }
}

/** A simple fixed window of requests, for rate-limit headers and 429s. */
export class RateWindow {
  private startedAt = Date.now();
  private used = 0;

  constructor(
    public limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a request; false when the window is used up. */
  take(): boolean {
    this.roll();
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  get remaining(): number {
    this.roll();
    return Math.max(0, this.limit - this.used);
  }

  get resetMs(): number {
    this.roll();
    return Math.max(0, this.startedAt + this.windowMs - Date.now());
  }

  private roll(): void {
    if (Date.now() - this.startedAt >= this.windowMs) {
      this.startedAt = Date.now();
      this.used = 0;
    }
  }
}
