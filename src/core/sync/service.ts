// CRM sync as the app offers it: the engine, its schedule, the adapter chosen in settings, approvals,
// counts, the sync log and the status the sync panel shows.
import type { SyncStatusView, SyncTrigger } from '@shared/contract';
import type { CrmConnectionResult, LeadCrmView, SyncCountsView } from '@shared/crm';
import type { CoreConfig } from '../config';
import { CoreError } from '../errors';
import { createCrmAdapter, ensureCrmFields, testCrmConnection, type EnsureFieldsResult } from './adapters';
import type { CrmAdapter } from './crm';
import { SyncEngine, type SyncOutcome } from './engine';
import { SyncScheduler } from './scheduler';
import type { SyncRunDetails, SyncStore } from './syncStore';

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
    this.adapter = this.buildAdapter();
    this.engine = new SyncEngine({
      store: options.store,
      adapter: () => this.adapter,
      settings: () => this.config,
      instanceId: options.instanceId,
      log: (line) => this.log(line),
      onChange: options.onChange,
    });
    this.scheduler = new SyncScheduler(
      () => this.scheduledRun(),
      { enabled: config.enabled, schedule: config.schedule },
      options.onChange,
    );
  }

  /** Follows changed settings: the CRM adapter, the engine's settings (read per run) and the schedule. */
  reconfigure(config: CoreConfig['sync']): void {
    const adapterChanged =
      JSON.stringify(config.crm) !== JSON.stringify(this.config.crm) ||
      config.deliveryTimeoutMs !== this.config.deliveryTimeoutMs;
    this.config = config;
    if (adapterChanged) this.adapter = this.buildAdapter();
    const current = this.scheduler.current;
    if (current.enabled !== config.enabled || current.schedule !== config.schedule) {
      this.scheduler.configure({ enabled: config.enabled, schedule: config.schedule });
    }
  }

  /** The database is back (or newly connected): the job catches up at once instead of at its next tick. */
  resume(): void {
    if (this.scheduler.running) this.scheduledRun();
  }

  /**
   * The computer woke from sleep or the network came back (the shell calls this): a scheduled run that
   * came due meanwhile runs once, not once per run missed.
   */
  onResume(): boolean {
    return this.scheduler.onResume();
  }

  private scheduledRun(): void {
    if (this.options.isDatabaseReady && !this.options.isDatabaseReady()) {
      this.log('[CRM Sync] Waiting: the database is unavailable');
      return;
    }
    void this.engine.runOnce('schedule').catch(() => undefined); // the run records its own error
  }

  private buildAdapter(): CrmAdapter {
    return createCrmAdapter(this.config.crm, {
      timeoutMs: this.config.deliveryTimeoutMs,
      log: (line) => this.log(line),
    });
  }

  /** Starts the background job (it waits while the database is unavailable). */
  start(): void {
    this.scheduler.start();
  }

  syncNow(trigger: SyncTrigger = 'manual'): Promise<SyncOutcome> {
    return this.engine.runOnce(trigger);
  }

  async status(): Promise<SyncStatusView & { history: SyncRunDetails[] }> {
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

  /** Pending, approved, synced and failed leads, for the panel. */
  async counts(): Promise<SyncCountsView> {
    return (await this.options.store()).counts(this.config.mode);
  }

  /** Per lead: the CRM record id and link, or why it is not there. */
  async leadRecords(ids: readonly string[]): Promise<LeadCrmView[]> {
    return (await this.options.store()).leadCrmViews(ids);
  }

  /** Leads changed elsewhere (a person's verdict): the panel's counts follow. */
  notifyChange(): void {
    this.options.onChange?.();
  }

  async retryLeads(ids: readonly string[]): Promise<{ reset: number }> {
    const reset = await (await this.options.store()).resetFailed(ids);
    this.log(`[CRM Sync] ${reset} failed leads queued for another attempt`);
    this.options.onChange?.();
    return { reset };
  }

  /** Approves Verified leads for sending (bulk, in the table), or every pending one. Others are left as they are. */
  async approveLeads(ids: readonly string[] | 'all-pending'): Promise<{ approved: number }> {
    const store = await this.options.store();
    const approved = ids === 'all-pending' ? await store.approvePending() : await store.approveVerified(ids);
    this.log(`[CRM Sync] ${approved} leads approved for the CRM`);
    this.options.onChange?.();
    return { approved };
  }

  /** Approves one lead of any status: how a To Check lead is sent. */
  async approveLead(id: string): Promise<{ approved: boolean }> {
    const approved = await (await this.options.store()).approveOne(id);
    if (approved) this.log('[CRM Sync] 1 lead approved for the CRM');
    this.options.onChange?.();
    return { approved };
  }

  async withdrawApproval(ids: readonly string[]): Promise<{ withdrawn: number }> {
    const withdrawn = await (await this.options.store()).withdrawApproval(ids);
    this.options.onChange?.();
    return { withdrawn };
  }

  /** Test connection with the saved CRM settings. */
  testConnection(): Promise<CrmConnectionResult> {
    return testCrmConnection(this.config.crm, this.config.deliveryTimeoutMs);
  }

  /** Creates the CRM fields the mapping needs (HubSpot properties, Pipedrive person fields). */
  async createCrmFields(): Promise<EnsureFieldsResult> {
    if (this.engine.running) throw new CoreError('busy', 'A sync run is in progress: try again when it ends');
    const result = await ensureCrmFields(this.config.crm, this.config.deliveryTimeoutMs);
    this.adapter = this.buildAdapter(); // it reads the fields again
    return result;
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
