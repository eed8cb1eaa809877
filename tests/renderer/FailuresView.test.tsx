import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeCore, makeFailure, makeRun, type FakeCore } from './fakeApi';
import { renderApp } from './render';
import { fullText } from './text';

function twoRuns() {
  const morning = makeRun({ startedAt: '2025-11-20T09:00:00.000Z' });
  const evening = makeRun({ kind: 'retry', startedAt: '2025-11-20T18:00:00.000Z' });
  const failures = [
    makeFailure({
      name: 'Xq Zz',
      runId: evening.id,
      reason: 'nationalize.io has no prediction for this name',
    }),
    makeFailure({
      name: 'Ana Lima',
      runId: evening.id,
      code: 'quota_exhausted',
      reason: 'Daily quota of nationalize.io used up: retry after it resets',
    }),
    makeFailure({
      name: 'Li Wei',
      runId: morning.id,
      code: 'api_unreachable',
      reason: 'nationalize.io unreachable',
    }),
  ];
  return { morning, evening, fake: createFakeCore({ runs: [evening, morning], failures }) };
}

async function openFailures(fake: FakeCore, count = fake.failures.length) {
  const user = userEvent.setup();
  renderApp(fake);
  await user.click(await screen.findByRole('tab', { name: `Failed names (${count})` }));
  await screen.findByRole('table', { name: 'Failed names' });
  return user;
}

const idOf = (fake: FakeCore, name: string) => fake.failures.find((f) => f.name === name)?.id;
const retried = (fake: FakeCore) => fake.handle['failures:retry'];

describe('Failed names', () => {
  it('lists each failed name with its reason', async () => {
    const { fake } = twoRuns();
    await openFailures(fake);
    const row = screen.getByRole('rowheader', { name: 'Ana Lima' }).closest('tr');
    expect(row).toHaveTextContent('Daily quota of nationalize.io used up: retry after it resets');
    expect(screen.getByRole('tabpanel', { name: 'Failed names (3)' })).toHaveTextContent('3 failed names');
  });

  it('retries one name from its row', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    await user.click(screen.getByRole('button', { name: 'Retry Li Wei' }));
    expect(retried(fake)).toHaveBeenCalledWith({ ids: [idOf(fake, 'Li Wei')] });
  });

  it('asks the API again for a name it had no prediction for, rather than a retry that changes nothing', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    expect(screen.queryByRole('button', { name: 'Retry Xq Zz' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ask again for Xq Zz' }));
    expect(retried(fake)).toHaveBeenCalledWith({ ids: [idOf(fake, 'Xq Zz')], force: true });
  });

  it('retries the selected names, asking again for those with no prediction', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    const retrySelected = screen.getByRole('button', { name: 'Retry selected' });
    expect(retrySelected).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Select Ana Lima' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Li Wei' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(retrySelected);
    expect(retried(fake)).toHaveBeenCalledWith({ ids: [idOf(fake, 'Ana Lima'), idOf(fake, 'Li Wei')] });
    act(() => fake.finishRun());

    await waitFor(() => expect(screen.getByRole('button', { name: 'Retry selected' })).toBeDisabled());
    await user.click(screen.getByRole('checkbox', { name: 'Select Xq Zz' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Li Wei' }));
    await user.click(screen.getByRole('button', { name: 'Retry selected' }));
    expect(retried(fake)).toHaveBeenLastCalledWith({
      ids: [idOf(fake, 'Xq Zz'), idOf(fake, 'Li Wei')],
      force: true,
    });
  });

  it('selects every shown name from the header checkbox', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.click(screen.getByRole('button', { name: 'Retry selected' }));
    expect(retried(fake).mock.lastCall?.[0].ids).toHaveLength(3);
  });

  it('retries all failures, or all of the chosen run, by the run and not by ids', async () => {
    const { fake, evening } = twoRuns();
    const user = await openFailures(fake);
    await user.click(screen.getByRole('button', { name: 'Retry all' }));
    expect(retried(fake)).toHaveBeenLastCalledWith({});
    act(() => fake.finishRun());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Retry all' })).toBeEnabled());

    await user.selectOptions(screen.getByRole('combobox', { name: 'Run' }), evening.id);
    await waitFor(() => expect(screen.getByText('2 failed names')).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Retry all' }));
    expect(retried(fake)).toHaveBeenLastCalledWith({ runId: evening.id });
  });

  it('filters by run on the server', async () => {
    const { fake, morning } = twoRuns();
    const user = await openFailures(fake);
    const select = screen.getByRole('combobox', { name: 'Run' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All runs', expect.stringMatching(/ · Retry$/), expect.stringMatching(/ · Paste$/)]);

    await user.selectOptions(select, morning.id);

    await waitFor(() =>
      expect(fake.handle['failures:list']).toHaveBeenLastCalledWith({
        runId: morning.id,
        page: 1,
        pageSize: 100,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: 'Ana Lima' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('rowheader', { name: 'Li Wei' })).toBeInTheDocument();
    expect(screen.getByText('1 failed name')).toBeInTheDocument();
  });

  it('pages on the server: the tab counts every failure, the list shows a page of them', async () => {
    const run = makeRun({ startedAt: '2025-11-20T09:00:00.000Z' });
    const failures = Array.from({ length: 250 }, (_, i) =>
      makeFailure({
        name: `Name ${String(i).padStart(3, '0')}`,
        runId: run.id,
        code: 'api_error',
        reason: 'The API answered 503',
      }),
    );
    const fake = createFakeCore({ runs: [run], failures });
    const user = await openFailures(fake, 250);

    expect(screen.getByRole('tab', { name: 'Failed names (250)' })).toBeInTheDocument();
    expect(screen.getByText('250 failed names')).toBeInTheDocument();
    expect(screen.getByText('Showing 1–100 of 250')).toBeInTheDocument();
    expect(screen.getAllByRole('rowheader')).toHaveLength(100);
    // The core was asked for a page, never for all of them.
    for (const [query] of fake.handle['failures:list'].mock.calls) expect(query.pageSize).toBe(100);

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(fake.handle['failures:list']).toHaveBeenLastCalledWith({ page: 2, pageSize: 100 }),
    );
    expect(await screen.findByText('Showing 101–200 of 250')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Name 100' })).toBeInTheDocument();

    // Retry all is about all 250 (the core finds them), not the 100 on screen.
    await user.click(screen.getByRole('button', { name: 'Retry all' }));
    expect(retried(fake)).toHaveBeenLastCalledWith({});
  });

  it('shows the full length of an entry that was cut', async () => {
    const run = makeRun();
    const fake = createFakeCore({
      runs: [run],
      failures: [
        makeFailure({
          name: 'x'.repeat(199) + 'y',
          runId: run.id,
          code: 'invalid_name',
          reason: 'Invalid name: 9000000 characters long, the limit is 100',
          length: 9_000_000,
        }),
      ],
    });
    await openFailures(fake);
    const row = screen.getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('first 200 of 9,000,000 characters');
  });

  it('shows the name the core guessed from an entry that is not one', async () => {
    const run = makeRun();
    const fake = createFakeCore({
      runs: [run],
      failures: [
        makeFailure({
          name: 'jane.doe@acme.com',
          runId: run.id,
          code: 'email',
          reason: 'Not a name: an email address',
          suggestion: 'Jane Doe',
        }),
      ],
    });
    await openFailures(fake);
    expect(screen.getAllByRole('row')[1]).toHaveTextContent(
      'Not a name: an email address · perhaps Jane Doe',
    );
  });

  it('shows the retry progress and summary, then the refreshed list', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    await user.click(screen.getByRole('button', { name: 'Retry Ana Lima' }));

    expect(await screen.findByRole('progressbar', { name: 'Retrying failed names' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry all' })).toBeDisabled();

    fake.failures = fake.failures.filter((failure) => failure.name !== 'Ana Lima');
    act(() => fake.finishRun({ enriched: 1, verified: 1 }));

    expect(
      await screen.findByText(
        fullText(
          '1 enriched (1 Verified, 0 To Check) · 0 already enriched · 0 failed · 0 cancelled · 0 duplicates folded',
        ),
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Retry finished in 1.2 s')).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: 'Failed names (2)' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: 'Ana Lima' })).not.toBeInTheDocument(),
    );
  });

  it('says so when nothing failed', async () => {
    const user = userEvent.setup();
    renderApp(createFakeCore());
    await user.click(await screen.findByRole('tab', { name: 'Failed names (0)' }));
    expect(await screen.findByText('No failed names.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry all' })).toBeDisabled();
  });
});

describe('Failed names that cannot succeed, and no quota', () => {
  it('offers Dismiss instead of Retry for an entry refused for its text, and takes it off the list', async () => {
    const run = makeRun({ startedAt: '2025-11-20T09:00:00.000Z' });
    const fake = createFakeCore({
      runs: [run],
      failures: [
        makeFailure({ name: 'N/A', runId: run.id, code: 'placeholder', reason: 'Not a name: a placeholder' }),
        makeFailure({ name: 'Li Wei', runId: run.id, code: 'api_unreachable', reason: 'unreachable' }),
      ],
    });
    const user = await openFailures(fake);
    expect(screen.queryByRole('button', { name: 'Retry N/A' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry Li Wei' })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Dismiss N/A' }));
    expect(fake.handle['failures:dismiss']).toHaveBeenCalledWith({ ids: [`${run.id}|n/a`] });
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'N/A' })).not.toBeInTheDocument());
    expect(await screen.findByRole('tab', { name: 'Failed names (1)' })).toBeInTheDocument();
  });

  it('leaves entries refused for their text out of Retry selected', async () => {
    const run = makeRun({ startedAt: '2025-11-20T09:00:00.000Z' });
    const fake = createFakeCore({
      runs: [run],
      failures: [
        makeFailure({ name: 'N/A', runId: run.id, code: 'placeholder', reason: 'Not a name: a placeholder' }),
        makeFailure({ name: 'Li Wei', runId: run.id, code: 'api_unreachable', reason: 'unreachable' }),
      ],
    });
    const user = await openFailures(fake);
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.click(screen.getByRole('button', { name: 'Retry selected' }));
    await waitFor(() =>
      expect(fake.handle['failures:retry']).toHaveBeenCalledWith({ ids: [`${run.id}|li wei`] }),
    );
  });

  it('disables Retry with the reason while no quota is left', async () => {
    const { fake } = twoRuns();
    fake.status = {
      ...fake.status,
      rateLimit: { limit: 100, remaining: 0, resetsAt: new Date(Date.now() + 3_600_000).toISOString() },
    };
    await openFailures(fake);
    const retryAll = screen.getByRole('button', { name: 'Retry all' });
    expect(retryAll).toBeDisabled();
    expect(retryAll).toHaveAccessibleDescription(
      /^No quota is left until .*: Retry waits for the quota to reset\.$/,
    );
    expect(screen.getByRole('button', { name: 'Retry Li Wei' })).toBeDisabled();
  });
});
