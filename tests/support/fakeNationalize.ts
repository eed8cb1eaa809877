// A local stand-in for nationalize.io that behaves as the API is documented: batches of at most 10
// names, 401 for a bad key, 422 for invalid names, 429 with the quota headers, names with no
// prediction. Under /genderize and /agify it answers as genderize.io and agify.io do (same key, same
// quota, country_id echoed). It counts requests and concurrency so tests can assert on them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCountry {
  country_id: string;
  probability: number;
}

export type InjectedFailure =
  { status: number; body?: unknown; headers?: Record<string, string> } | { drop: true } | { delayMs: number };

export interface FakeNationalizeOptions {
  /** Accepted keys; when set, a request with another key (or none, if requireKey) gets 401. */
  validKeys?: string[];
  requireKey?: boolean;
  /**
   * Quota in names per window; Infinity when not set. With `rolling`, the window really passes: the reset
   * header counts down and the quota is full again when it reaches 0.
   */
  quota?: { limit: number; remaining?: number; resetSeconds: number; rolling?: boolean };
  latencyMs?: number;
  /** Names (case-insensitive) the service knows nothing of; also any name containing "zzz". */
  unknownNames?: string[];
  /** Names (case-insensitive) the API rejects with 422. */
  invalidNames?: string[];
  /** Fixed predictions by lower-case name. */
  predictions?: Record<string, FakeCountry[]>;
  /** Rewrites a batch answer before it is sent: a misbehaving API (reordered, mismatched, truncated). */
  transform?: (body: unknown, names: string[]) => unknown;
}

const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'IN', 'BR', 'JP', 'NG', 'IE', 'DK', 'ES', 'IT', 'CN', 'MX', 'PL'];

/** A deterministic prediction: about two thirds of names get a top probability >= 0.6. */
export function predictFor(name: string): FakeCountry[] {
  let h = 2166136261;
  for (const ch of name.toLowerCase()) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  const top = 0.3 + ((h % 1000) / 1000) * 0.65; // 0.30 .. 0.95
  const first = COUNTRIES[h % COUNTRIES.length]!;
  const second = COUNTRIES[(h >>> 8) % COUNTRIES.length]!;
  const third = COUNTRIES[(h >>> 16) % COUNTRIES.length]!;
  const rest = 1 - top;
  const out: FakeCountry[] = [{ country_id: first, probability: round(top) }];
  if (second !== first) out.push({ country_id: second, probability: round(rest * 0.5) });
  if (third !== first && third !== second) out.push({ country_id: third, probability: round(rest * 0.25) });
  return out;
}

const round = (n: number): number => Math.round(n * 10000) / 10000;

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

export class FakeNationalize {
  requests = 0;
  namesRequested = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** Names of each request, in arrival order. */
  readonly log: string[][] = [];
  /** Names answered with a prediction or none (a 200), in order: what the quota was spent on. */
  readonly answered: string[] = [];
  /** The genderize and agify requests, with the country they were localised to. */
  readonly demographicLog: Array<{ service: string; names: string[]; countryId: string | null }> = [];
  private readonly failures: InjectedFailure[] = [];
  private server: Server | null = null;
  private remaining: number;
  private windowEndsAt = 0;
  url = '';

  constructor(private options: FakeNationalizeOptions = {}) {
    this.remaining = options.quota?.remaining ?? options.quota?.limit ?? Infinity;
    this.windowEndsAt = Date.now() + (options.quota?.resetSeconds ?? 0) * 1000;
  }

  /** The next requests answer with these, in order, before normal service resumes. */
  injectFailures(...failures: InjectedFailure[]): void {
    this.failures.push(...failures);
  }

  configure(options: Partial<FakeNationalizeOptions>): void {
    this.options = { ...this.options, ...options };
    if (options.quota) {
      this.remaining = options.quota.remaining ?? options.quota.limit;
      this.windowEndsAt = Date.now() + options.quota.resetSeconds * 1000;
    }
  }

  /** Seconds until the quota window resets, as the header says it. */
  private resetSeconds(): number {
    const quota = this.options.quota!;
    if (!quota.rolling) return quota.resetSeconds;
    if (Date.now() >= this.windowEndsAt) {
      this.remaining = quota.limit;
      this.windowEndsAt = Date.now() + quota.resetSeconds * 1000;
    }
    return Math.max(0, Math.ceil((this.windowEndsAt - Date.now()) / 1000));
  }

  resetCounters(): void {
    this.requests = 0;
    this.namesRequested = 0;
    this.maxInFlight = 0;
    this.log.length = 0;
    this.answered.length = 0;
    this.demographicLog.length = 0;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Its counters, for a benchmark that runs it in a process of its own.
    if (req.url === '/__stats') {
      const { requests, namesRequested, maxInFlight } = this;
      return this.send(res, 200, {
        requests,
        namesRequested,
        maxInFlight,
        distinctAnswered: new Set(this.answered).size,
      });
    }
    if (req.url === '/__reset') {
      this.resetCounters();
      return this.send(res, 200, {});
    }
    this.requests++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const names = [...url.searchParams.getAll('name[]'), ...url.searchParams.getAll('name')];
      this.log.push(names);
      if (this.options.latencyMs) await delay(this.options.latencyMs);

      const injected = this.failures.shift();
      if (injected && 'delayMs' in injected) await delay(injected.delayMs);
      else if (injected && 'drop' in injected) {
        req.socket.destroy();
        return;
      } else if (injected) {
        return this.send(
          res,
          injected.status,
          injected.body ?? { error: 'Injected failure' },
          injected.headers,
        );
      }

      const key = url.searchParams.get('apikey');
      const { validKeys, requireKey } = this.options;
      if ((key && validKeys && !validKeys.includes(key)) || (!key && requireKey)) {
        return this.send(res, 401, { error: 'Invalid API key' });
      }
      if (names.length === 0) return this.send(res, 422, { error: "Missing 'name' parameter" });
      const invalid = new Set((this.options.invalidNames ?? []).map((n) => n.toLowerCase()));
      if (names.length > 10 || names.some((n) => invalid.has(n.toLowerCase()) || n.trim() === '')) {
        return this.send(res, 422, { error: "Invalid 'name' parameter" });
      }
      if (this.options.quota) this.resetSeconds();
      if (names.length > this.remaining) {
        const error =
          this.remaining > 0 ? 'Request limit too low to process request' : 'Request limit reached';
        return this.send(res, 429, { error });
      }
      this.remaining -= names.length;
      this.namesRequested += names.length;
      this.answered.push(...names);
      const unknown = new Set((this.options.unknownNames ?? []).map((n) => n.toLowerCase()));
      const service = url.pathname.replace(/\/+$/, '').split('/').pop() || 'nationalize';
      if (service === 'genderize' || service === 'agify') {
        const countryId = url.searchParams.get('country_id');
        this.demographicLog.push({ service, names, countryId });
        const demographic = names.map((name) => {
          const h = hash(`${service}:${name.toLowerCase()}:${countryId ?? ''}`);
          const known = !unknown.has(name.toLowerCase()) && !name.toLowerCase().includes('zzz');
          const located = countryId ? { country_id: countryId } : {};
          return service === 'genderize'
            ? {
                count: known ? 50 + (h % 900) : 0,
                name,
                gender: known ? (h % 2 ? 'female' : 'male') : null,
                probability: known ? round(0.5 + (h % 50) / 100) : 0,
                ...located,
              }
            : { count: known ? 50 + (h % 900) : 0, name, age: known ? 18 + (h % 60) : null, ...located };
        });
        return this.send(
          res,
          200,
          this.options.transform ? this.options.transform(demographic, names) : demographic,
        );
      }
      const body = names.map((name, i) => {
        const lower = name.toLowerCase();
        if (unknown.has(lower) || lower.includes('zzz')) {
          // The real API answers both ways for unknown names.
          return { count: 0, name, country: i % 2 === 0 ? [] : null };
        }
        const country = this.options.predictions?.[lower] ?? predictFor(name);
        return { count: 100 + name.length, name, country };
      });
      const single = url.searchParams.has('name') && !url.searchParams.has('name[]');
      const answer = single ? body[0] : body;
      return this.send(res, 200, this.options.transform ? this.options.transform(answer, names) : answer);
    } finally {
      this.inFlight--;
    }
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const quota = this.options.quota;
    res.writeHead(status, {
      'Content-Type': 'application/json',
      ...(quota
        ? {
            'X-Rate-Limit-Limit': String(quota.limit),
            'X-Rate-Limit-Remaining': String(Math.max(0, this.remaining)),
            'X-Rate-Limit-Reset': String(this.resetSeconds()),
          }
        : {}),
      ...headers,
    });
    res.end(JSON.stringify(body));
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
