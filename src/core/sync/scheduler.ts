// The background job: node-schedule runs a sync on the configured schedule while the app is open.
import schedule, { type Job } from 'node-schedule';
import { CoreError } from '../errors';

export type Schedule = { kind: 'interval'; minutes: number } | { kind: 'cron'; expression: string };

export const DEFAULT_SCHEDULE = '5';
const MAX_INTERVAL_MINUTES = 7 * 24 * 60;

/** Why this is not a schedule (to follow "Invalid setting ...: "), or null when it is one. */
export function scheduleProblem(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const minutes = Number(trimmed);
    return minutes < 1 || minutes > MAX_INTERVAL_MINUTES
      ? `minutes must be from 1 to ${MAX_INTERVAL_MINUTES}`
      : null;
  }
  const fields = trimmed.split(/\s+/).length;
  // node-schedule answers null for an expression it cannot parse; try it on a job that never runs.
  const probe = fields === 5 || fields === 6 ? schedule.scheduleJob(trimmed, () => undefined) : null;
  probe?.cancel();
  return probe ? null : 'give minutes between runs (like 5) or a cron expression (like */15 9-18 * * 1-5)';
}

/** Minutes between runs ("5") or a cron expression (5 fields, or 6 with seconds first). */
export function parseSchedule(text: string): Schedule {
  const trimmed = text.trim();
  const problem = scheduleProblem(trimmed);
  if (problem) throw new CoreError('invalid_request', `Invalid sync schedule "${trimmed}": ${problem}`);
  return /^\d+$/.test(trimmed)
    ? { kind: 'interval', minutes: Number(trimmed) }
    : { kind: 'cron', expression: trimmed };
}

export function describeSchedule(s: Schedule): string {
  if (s.kind === 'cron') return `cron: ${s.expression}`;
  return s.minutes === 1 ? 'every minute' : `every ${s.minutes} minutes`;
}

export interface SchedulerSettings {
  enabled: boolean;
  schedule: string;
}

/**
 * Every job is a one-off, armed again from the current time each time it fires. node-schedule's own
 * recurrence computes the next run from the previous one, so after the computer slept through many runs
 * it would fire all of them at once on waking; armed from now, a missed run fires once.
 */
export class SyncScheduler {
  private job: Job | null = null;
  private parsed: Schedule;
  private started = false;
  /** When the armed job should fire (timers do not count sleep, so after a wake it may be past). */
  private dueAt: Date | null = null;

  constructor(
    /** What a tick does: start a sync run (it decides whether it can). */
    private readonly run: () => void,
    private settings: SchedulerSettings,
    private readonly onChange: () => void = () => {},
  ) {
    this.parsed = parseSchedule(settings.schedule);
  }

  get current(): SchedulerSettings & { text: string } {
    return { ...this.settings, text: describeSchedule(this.parsed) };
  }

  get nextRunAt(): Date | null {
    return this.job ? this.dueAt : null;
  }

  /** Starts the job (once the database is connected). */
  start(): void {
    this.started = true;
    this.arm();
  }

  /** Changes the schedule or turns the job on or off; an invalid schedule changes nothing. */
  configure(change: Partial<SchedulerSettings>): void {
    const next = { ...this.settings, ...change };
    const parsed = parseSchedule(next.schedule);
    this.settings = next;
    this.parsed = parsed;
    if (this.started) this.arm();
    this.onChange();
  }

  get running(): boolean {
    return this.started && this.settings.enabled;
  }

  /**
   * The computer woke up or the network came back: a run that came due meanwhile runs now, once, and the
   * next one counts from now. Nothing was missed: nothing runs. Returns whether it ran.
   */
  onResume(now = new Date()): boolean {
    if (!this.running || !this.dueAt || this.dueAt.getTime() > now.getTime()) return false;
    this.tick();
    return true;
  }

  /**
   * No new runs from now on. Only this app's job is cancelled: node-schedule's gracefulShutdown() would
   * cancel every job of the process (another app's, the run resumer's).
   */
  async stop(): Promise<void> {
    this.started = false;
    this.job?.cancel();
    this.job = null;
    this.dueAt = null;
  }

  private arm(): void {
    this.job?.cancel();
    this.job = null;
    this.dueAt = null;
    if (this.settings.enabled && this.started) {
      const at = nextRunAfter(this.parsed, new Date());
      this.job = schedule.scheduleJob(at, () => this.tick());
      this.dueAt = at;
    }
    this.onChange();
  }

  private tick(): void {
    this.run();
    this.arm();
  }
}

/** The first run time strictly after `from`. */
function nextRunAfter(s: Schedule, from: Date): Date {
  if (s.kind === 'interval') return new Date(from.getTime() + s.minutes * 60_000);
  // node-schedule computes a cron expression's next time; the probe job is cancelled at once.
  const probe = schedule.scheduleJob(s.expression, () => undefined);
  const next = probe?.nextInvocation() ?? null;
  probe?.cancel();
  if (!next) throw new Error(`The cron expression "${s.expression}" has no next run`);
  return new Date(next.getTime());
}
