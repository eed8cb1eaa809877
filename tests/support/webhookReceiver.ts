// A local CRM webhook: verifies each batch's signature, counts deliveries per lead, and answers
// as told (a queue of statuses), so tests can assert exactly-once and the retry paths.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signBody } from '../../src/core/sync/webhookCrm';

export interface ReceivedLead {
  id: string;
  idempotencyKey: string;
  name: string;
  status: string;
}

export class WebhookReceiver {
  url = '';
  requests = 0;
  badSignatures = 0;
  /** Accepted deliveries per lead id (a lead delivered twice shows 2). */
  readonly deliveries = new Map<string, number>();
  readonly accepted: ReceivedLead[] = [];
  readonly batchKeys: string[] = [];
  private readonly answers: Array<{ status: number; body?: unknown }> = [];
  private server: Server | null = null;

  constructor(
    private readonly secret: string,
    private readonly latencyMs = 0,
  ) {}

  /** The next requests get these answers, in order; then 200. */
  answer(...answers: Array<{ status: number; body?: unknown }>): void {
    this.answers.push(...answers);
  }

  get duplicates(): number {
    return [...this.deliveries.values()].reduce((sum, n) => sum + (n - 1), 0);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          this.requests++;
          if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
          const body = Buffer.concat(chunks).toString('utf8');
          if (req.headers['x-signature'] !== signBody(body, this.secret)) {
            this.badSignatures++;
            res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"bad signature"}');
            return;
          }
          const answer = this.answers.shift() ?? { status: 200 };
          if (answer.status >= 200 && answer.status < 300) {
            const { leads } = JSON.parse(body) as { leads: ReceivedLead[] };
            this.batchKeys.push(String(req.headers['idempotency-key']));
            for (const lead of leads) {
              this.accepted.push(lead);
              this.deliveries.set(lead.id, (this.deliveries.get(lead.id) ?? 0) + 1);
            }
          }
          res.writeHead(answer.status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(answer.body ?? { ok: answer.status < 300 }));
        })();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/crm/leads`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
