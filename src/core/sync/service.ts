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
  /** The scheduled job waits while this is false (the database is down): it does not pile up failed runs. */
  isDatabaseReady?: () => boolean;
  instanceId: string;
  log?: (line: string) => void;
  onChange?: () => void;
  afterDelivery?: (ids: string[]) => Promise<void> | void;
}

export class SyncService {
  readonly engine: SyncEngine;
  readonly scheduler: SyncScheduler;
  private readonly logLines: string[] = [];
  private config: CoreConfig['sync'];
  private adapter: CrmAdapter;

  constructor(private readonly options: SyncServiceOptions) {
    this.config = options.config;
    const config = options.config;
    const log = (line: string): void => this.log(line);
    this.adapter = this.buildAdapter();
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
      () => this.scheduledRun(),
      { enabled: config.enabled, schedule: config.schedule },
      options.onChange,
    );
  }

  /** Follows changed settings: the CRM adapter and the schedule. */
  reconfigure(config: CoreConfig['sync']): void {
    const crmChanged = JSON.stringify(config.crm) !== JSON.stringify(this.config.crm);
    this.config = config;
    if (crmChanged) this.adapter = this.buildAdapter();
    const current = this.scheduler.current;
    if (current.enabled !== config.enabled || current.schedule !== config.schedule) {
      this.scheduler.configure({ enabled: config.enabled, schedule: config.schedule });
    }
  }

  /** The database is back (or newly connected): the job catches up at once instead of at its next tick. */
  resume(): void {
    if (this.scheduler.running) this.scheduledRun();
  }

  private scheduledRun(): void {
    if (this.options.isDatabaseReady && !this.options.isDatabaseReady()) {
      this.log('[CRM Sync] Waiting: the database is unavailable');
      return;
    }
    void this.engine.runOnce('schedule').catch(() => undefined); // the run records its own error
  }

  private buildAdapter(): CrmAdapter {
    const { crm } = this.config;
    return crm.mode === 'webhook'
      ? new WebhookCrm({ url: crm.webhookUrl!, secret: crm.webhookSecret! })
      : new SimulatedCrm((line) => this.log(line));
  }

  /** Starts the background job (it waits while the database is unavailable). */
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

  /** On quit: no new work, then the run in flight gets `timeoutMs` to finish and mark its batch. */
  async stop(timeoutMs = SYNC_STOP_TIMEOUT_MS): Promise<boolean> {
    await this.scheduler.stop();
    return this.engine.stop(timeoutMs);
  }

  private log(line: string): void {
    const stamped = `${new Date().toISOString()} ${line}`;
    this.logLines.push(stamped);
    if (this.logLines.length > LOG_LINES_KEPT) this.logLines.splice(0, this.logLines.length - LOG_LINES_KEPT);
    this.options.log?.(line);
  }
}
