// The desktop app's background job for runs: at start (and when the database is back) it resumes runs
// that an app left unfinished; a node-schedule job fires when the earliest run waiting for quota may go
// on; a sweep every minute picks up runs of apps on other computers whose lease ran out.
import schedule, { type Job } from 'node-schedule';
import type { EnrichmentService } from './service';

const SWEEP_RULE = '*/1 * * * *';

export class RunResumer {
  private sweep: Job | null = null;
  private atReset: Job | null = null;
  private stopped = true;
  private running: Promise<void> | null = null;

  constructor(
    private readonly enrichment: EnrichmentService,
    private readonly isDatabaseReady: () => boolean,
    private readonly log?: (message: string) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.sweep = schedule.scheduleJob(SWEEP_RULE, () => this.wake());
    this.wake();
  }

  /** Looks for runs to resume now (the database came back, the app started, a quota reset). */
  wake(): void {
    if (this.stopped || this.running || !this.isDatabaseReady()) return;
    this.running = this.enrichment
      .resumeAll()
      .then(
        () => undefined,
        (err: unknown) => this.log?.(`Resuming runs: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        this.running = null;
        this.reschedule();
      });
  }

  /** Sets the job at the earliest quota reset of a waiting run. */
  reschedule(): void {
    if (this.stopped || !this.isDatabaseReady()) return;
    this.enrichment.nextResumeAt().then(
      (at) => {
        if (this.stopped) return;
        this.atReset?.cancel();
        this.atReset = null;
        if (!at) return;
        // A reset in the past (the app was closed meanwhile): now.
        const when = new Date(Math.max(at.getTime(), Date.now() + 50));
        this.atReset = schedule.scheduleJob(when, () => this.wake());
      },
      () => undefined,
    );
  }

  /** Cancels this app's jobs only (other apps in the process keep theirs). */
  stop(): void {
    this.stopped = true;
    this.sweep?.cancel();
    this.atReset?.cancel();
    this.sweep = null;
    this.atReset = null;
  }
}
