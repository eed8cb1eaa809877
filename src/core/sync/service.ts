// CRM sync as the app offers it: the engine, its schedule, the adapter chosen in settings, the sync
// log and the status the sync panel shows.
import type { SyncStatusView, SyncTrigger } from '@shared/contract';
import type { CoreConfig } from '../config';
import type { CrmAdapter } from './crm';
import { SyncEngine, type SyncOutcome } from './engine';
import { SyncScheduler } from './scheduler';
import { SimulatedCrm } from './simulatedCrm';
import type { SyncStore } from './syncStore';
import { WebhookCrm } from './webhookCrm';

const LOG_LINES_KEPT = 200;
const HISTORY_SHOWN = 20;
/** How long quitting waits for a run in flight. */
export const SYNC_STOP_TIMEOUT_MS = 10_000;

export interface SyncServiceOptions {
  config: CoreConfig['sync'];
  store: () => Promise<SyncStore>;
  instanceId: string;
  log?: (line: string) => void;
  onChange?: () => void;
  afterDelivery?: (ids: string[]) => Promise<void> | void;
}

export class SyncService {
  readonly engine: SyncEngine;
  readonly scheduler: SyncScheduler;
  private readonly logLines: string[] = [];
  private readonly adapter: CrmAdapter;

  constructor(private readonly options: SyncServiceOptions) {
    const { config } = options;
    const log = (line: string): void => this.log(line);
    this.adapter =
      config.crm.mode === 'webhook'
        ? new WebhookCrm({ url: config.crm.webhookUrl!, secret: config.crm.webhookSecret! })
        : new SimulatedCrm(log);
    this.engine = new SyncEngine({
      store: options.store,
      adapter: () => this.adapter,
      instanceId: options.instanceId,
      batchSize: config.batchSize,
      leaseMs: config.claimMs,
      maxAttempts: config.maxAttempts,
      retryBaseMs: config.retryBaseMs,
      log,
      onChange: options.onChange,
      afterDelivery: options.afterDelivery,
    });
    this.scheduler = new SyncScheduler(
      this.engine,
      { enabled: config.enabled, schedule: config.schedule },
      options.onChange,
    );
  }

  /** Starts the background job; called once the database is connected. */
  start(): void {
    this.scheduler.start();
  }

  syncNow(trigger: SyncTrigger = 'manual'): Promise<SyncOutcome> {
    return this.engine.runOnce(trigger);
  }

  async status(): Promise<SyncStatusView> {
    const history = await (await this.options.store()).listRuns(HISTORY_SHOWN);
    const settings = this.scheduler.current;
    return {
      enabled: settings.enabled,
      schedule: settings.schedule,
      scheduleText: settings.text,
      nextRunAt: this.scheduler.nextRunAt?.toISOString() ?? null,
      running: this.engine.running,
      mode: this.adapter.mode,
      instanceId: this.options.instanceId,
      lastRun: history.find((run) => run.instanceId === this.options.instanceId) ?? null,
      history,
      log: [...this.logLines],
    };
  }

  async retryLeads(ids: readonly string[]): Promise<{ reset: number }> {
    const reset = await (await this.options.store()).resetFailed(ids);
    this.log(`[CRM Sync] ${reset} failed leads queued for another attempt`);
    this.options.onChange?.();
    return { reset };
  }

  /** Database round trips made by sync in this app so far (for benchmarks and the figures). */
  async roundTrips(): Promise<number> {
    return (await this.options.store()).roundTrips;
  }

  stop(timeoutMs = SYNC_STOP_TIMEOUT_MS): Promise<boolean> {
    return this.scheduler.stop(timeoutMs);
  }

  private log(line: string): void {
    const stamped = `${new Date().toISOString()} ${line}`;
    this.logLines.push(stamped);
    if (this.logLines.length > LOG_LINES_KEPT) this.logLines.splice(0, this.logLines.length - LOG_LINES_KEPT);
    this.options.log?.(line);
  }
}
