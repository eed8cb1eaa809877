import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { createFakeApi, makeFailure, makeRun, type FakeApi } from './fakeApi';
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
  return { morning, evening, fake: createFakeApi({ runs: [evening, morning], failures }) };
}

async function openFailures(fake: FakeApi) {
  const user = userEvent.setup();
  render(<App api={fake} />);
  await user.click(await screen.findByRole('tab', { name: 'Failed names (3)' }));
  await screen.findByRole('rowheader', { name: 'Li Wei' });
  return user;
}

const idOf = (fake: FakeApi, name: string) => fake.failures.find((f) => f.name === name)?.id;

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
    expect(fake.retryFailures).toHaveBeenCalledWith({ ids: [idOf(fake, 'Li Wei')] });
  });

  it('retries the selected names', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    const retrySelected = screen.getByRole('button', { name: 'Retry selected' });
    expect(retrySelected).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Select Xq Zz' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Li Wei' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(retrySelected);

    expect(fake.retryFailures).toHaveBeenCalledWith({ ids: [idOf(fake, 'Xq Zz'), idOf(fake, 'Li Wei')] });
  });

  it('selects every shown name from the header checkbox', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.click(screen.getByRole('button', { name: 'Retry selected' }));
    expect(fake.retryFailures.mock.lastCall?.[0].ids).toHaveLength(3);
  });

  it('retries all failures, or all of the chosen run', async () => {
    const { fake, evening } = twoRuns();
    const user = await openFailures(fake);
    await user.click(screen.getByRole('button', { name: 'Retry all' }));
    expect(fake.retryFailures).toHaveBeenLastCalledWith({});
    act(() => fake.finishRun());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Retry all' })).toBeEnabled());

    await user.selectOptions(screen.getByRole('combobox', { name: 'Run' }), evening.id);
    await user.click(screen.getByRole('button', { name: 'Retry all' }));
    expect(fake.retryFailures).toHaveBeenLastCalledWith({ runId: evening.id });
  });

  it('filters by run', async () => {
    const { fake, morning } = twoRuns();
    const user = await openFailures(fake);
    const select = screen.getByRole('combobox', { name: 'Run' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'All runs',
      expect.stringMatching(/Retry · 2 failed$/),
      expect.stringMatching(/Paste · 1 failed$/),
    ]);

    await user.selectOptions(select, morning.id);

    expect(screen.getByRole('rowheader', { name: 'Li Wei' })).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: 'Ana Lima' })).not.toBeInTheDocument();
    expect(screen.getByText('1 failed name')).toBeInTheDocument();
  });

  it('shows the retry progress and summary, then the refreshed list', async () => {
    const { fake } = twoRuns();
    const user = await openFailures(fake);
    await user.click(screen.getByRole('button', { name: 'Retry Ana Lima' }));

    expect(screen.getByRole('progressbar', { name: 'Retrying failed names' })).toBeInTheDocument();
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
    expect(screen.queryByRole('rowheader', { name: 'Ana Lima' })).not.toBeInTheDocument();
  });

  it('says so when nothing failed', async () => {
    const user = userEvent.setup();
    render(<App api={createFakeApi()} />);
    await user.click(await screen.findByRole('tab', { name: 'Failed names (0)' }));
    expect(screen.getByText('No failed names.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry all' })).toBeDisabled();
  });
});
