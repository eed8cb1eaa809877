// A local CRM webhook: checks each batch's signature (timestamp and body, within the replay window) as a
// receiver should, counts deliveries per lead and remembers each batch key with the leads it carried, and
// answers as told (a queue, or chaos: 500s, hangs, 200s after the client gave up).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/core/sync/webhookCrm';

export interface ReceivedLead {
  id: string;
  idempotencyKey: string;
  name: string;
  countryCode?: string;
  status: string;
}

/** An answer: `hang` never answers (nothing stored); `delayMs` answers late, after storing a 2xx batch. */
export interface WebhookAnswer {
  status: number;
  body?: unknown;
  delayMs?: number;
  hang?: boolean;
  headers?: Record<string, string>;
}

export class WebhookReceiver {
  url = '';
  requests = 0;
  badSignatures = 0;
  /** Accepted deliveries per lead id (a lead delivered twice shows 2). */
  readonly deliveries = new Map<string, number>();
  readonly accepted: ReceivedLead[] = [];
  readonly batchKeys: string[] = [];
  /** The batch key of every correctly signed request, accepted or not. */
  readonly receivedKeys: string[] = [];
  /** Every accepted batch key with the lead ids it carried (sorted). */
  readonly batches: Array<{ key: string; ids: string }> = [];
  /** Chaos for every request without a queued answer. */
  chaos: ((n: number) => WebhookAnswer | null) | null = null;
  private readonly answers: WebhookAnswer[] = [];
  private server: Server | null = null;

  constructor(
    private readonly secret: string,
    private readonly latencyMs = 0,
  ) {}

  /** The next requests get these answers, in order; then 200. */
  answer(...answers: WebhookAnswer[]): void {
    this.answers.push(...answers);
  }

  get duplicates(): number {
    return [...this.deliveries.values()].reduce((sum, n) => sum + (n - 1), 0);
  }

  /** Batch keys that were seen with two different sets of leads (must be none). */
  get keyCollisions(): number {
    const byKey = new Map<string, Set<string>>();
    for (const { key, ids } of this.batches) byKey.set(key, (byKey.get(key) ?? new Set()).add(ids));
    return [...byKey.values()].filter((sets) => sets.size > 1).length;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const n = ++this.requests;
          if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
          const body = Buffer.concat(chunks).toString('utf8');
          const check = verifyWebhookSignature(
            {
              timestamp: req.headers['x-signature-timestamp'] as string | undefined,
              signature: req.headers['x-signature'] as string | undefined,
            },
            body,
            this.secret,
          );
          if (!check.ok) {
            this.badSignatures++;
            res
              .writeHead(401, { 'Content-Type': 'application/json' })
              .end(JSON.stringify({ error: check.reason }));
            return;
          }
          this.receivedKeys.push(String(req.headers['idempotency-key']));
          const answer = this.answers.shift() ?? this.chaos?.(n) ?? { status: 200 };
          if (answer.hang) return; // the client gives up; the socket closes with it
          if (answer.status >= 200 && answer.status < 300) {
            const { leads } = JSON.parse(body) as { leads: ReceivedLead[] };
            const key = String(req.headers['idempotency-key']);
            this.batchKeys.push(key);
            this.batches.push({
              key,
              ids: leads
                .map((l) => l.id)
                .sort()
                .join(','),
            });
            for (const lead of leads) {
              this.accepted.push(lead);
              this.deliveries.set(lead.id, (this.deliveries.get(lead.id) ?? 0) + 1);
            }
          }
          if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
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
