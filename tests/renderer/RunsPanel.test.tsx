import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeCore, makeRun, type FakeCore } from './fakeApi';
import { renderApp } from './render';
import { settle } from './text';

const runs = () => screen.getByRole('region', { name: 'Runs' });
const item = (name: RegExp) => within(runs()).getByRole('listitem', { name });

function waiting(resumeInMs: number) {
  return makeRun({
    state: 'waiting_quota',
    finishedAt: null,
    durationMs: null,
    resumeAt: new Date(Date.now() + resumeInMs).toISOString(),
    note: 'The quota of this window is spent',
    unique: 300,
    enriched: 100,
    waiting: 200,
  });
}

async function open(fake: FakeCore) {
  const user = userEvent.setup(vi.isFakeTimers() ? { advanceTimers: vi.advanceTimersByTime.bind(vi) } : {});
  renderApp(fake);
  await screen.findByRole('textbox', { name: 'Names' });
  return user;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Runs not finished', () => {
  it('counts down to when a run waiting for quota goes on, then shows it finished', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const run = waiting(3 * 60_000 + 10_000);
    const fake = createFakeCore({ runs: [run] });
    await open(fake);

    const row = await within(await screen.findByRole('region', { name: 'Runs' })).findByRole('listitem', {
      name: /^Paste of /,
    });
    expect(row).toHaveTextContent('Waiting for quota · Resumes in 3 min');
    expect(row).toHaveTextContent('300 names: 100 enriched, 200 waiting for quota');
    // The note's words of then ("resets in 3 h") would go stale: the countdown says it.
    expect(row).not.toHaveTextContent('The quota of this window is spent');

    act(() => vi.advanceTimersByTime(2 * 60_000));
    expect(row).toHaveTextContent('Resumes in 1 min');
    act(() => vi.advanceTimersByTime(70_000));
    expect(row).toHaveTextContent('Resuming…');

    // The app went on with it by itself: it leaves the open runs and comes back finished.
    fake.runs = [
      {
        ...run,
        state: 'done',
        finishedAt: new Date().toISOString(),
        enriched: 300,
        waiting: 0,
        resumeAt: null,
      },
    ];
    act(() => fake.emit('runs:changed', []));
    await waitFor(() => expect(item(/^Paste of /)).toHaveTextContent(/^Paste of .+DismissFinished at /));
    expect(item(/^Paste of /)).toHaveTextContent('300 names: 300 enriched');

    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) });
    await user.click(within(runs()).getByRole('button', { name: /^Dismiss: Paste of / }));
    expect(screen.queryByRole('region', { name: 'Runs' })).not.toBeInTheDocument();
  });

  it('shows an interrupted run as one that will resume, and cancels it', async () => {
    const run = makeRun({ state: 'interrupted', finishedAt: null, unique: 40, enriched: 10 });
    const fake = createFakeCore({ runs: [run] });
    const user = await open(fake);
    const row = await within(await screen.findByRole('region', { name: 'Runs' })).findByRole('listitem');
    expect(row).toHaveTextContent('Interrupted · will resume by itself');
    expect(row).toHaveTextContent('40 names: 10 enriched');

    await user.click(within(row).getByRole('button', { name: /^Cancel the run: Paste of / }));
    expect(fake.handle['enrich:cancel']).toHaveBeenCalledWith({ runId: run.id });
    expect(await within(row).findByRole('button', { name: /^Cancel the run/ })).toHaveTextContent(
      'Cancelling…',
    );
  });

  it('follows pushed runs: one resumed in the background shows its progress', async () => {
    const fake = createFakeCore();
    await open(fake);
    await settle();
    expect(screen.queryByRole('region', { name: 'Runs' })).not.toBeInTheDocument();

    const run = makeRun({ state: 'running', finishedAt: null, owner: { host: 'laptop', self: true } });
    act(() => fake.emitRuns([run]));
    const row = await within(await screen.findByRole('region', { name: 'Runs' })).findByRole('listitem');
    act(() => fake.emitProgress({ runId: run.id, done: 30, total: 120 }));
    await waitFor(() =>
      expect(within(row).getByRole('progressbar', { name: 'Paste run' })).toHaveAttribute(
        'aria-valuenow',
        '30',
      ),
    );
    expect(row).toHaveTextContent('30 / 120');
  });

  it('names the computer working on a run of another app', async () => {
    const run = makeRun({ state: 'running', finishedAt: null, owner: { host: 'office-pc', self: false } });
    await open(createFakeCore({ runs: [run] }));
    expect(await screen.findByText('Running on office-pc')).toBeInTheDocument();
  });

  it('leaves the run the person waits for to its own progress bar', async () => {
    const fake = createFakeCore();
    const user = await open(fake);
    await user.type(screen.getByRole('textbox', { name: 'Names' }), 'Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('progressbar', { name: 'Enriching names' });
    const mine = makeRun({
      id: fake.status.activeRunId!,
      state: 'running',
      finishedAt: null,
      owner: { host: 'laptop', self: true },
    });
    act(() => fake.emitRuns([mine, waiting(60 * 60_000)]));
    const list = await within(await screen.findByRole('region', { name: 'Runs' })).findAllByRole('listitem');
    expect(list).toHaveLength(1);
    expect(list[0]).toHaveTextContent('Waiting for quota');
  });
});
