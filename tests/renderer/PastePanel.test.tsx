import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api';
import { createFakeCore, type FakeCore } from './fakeApi';
import { renderApp } from './render';
import { fullText, settle } from './text';

async function setup(fake: FakeCore = createFakeCore()) {
  const user = userEvent.setup();
  renderApp(fake);
  const textarea = await screen.findByRole('textbox', { name: 'Names' });
  return { fake, user, textarea };
}

/** The run the core says the person is waiting for. */
const activeRun = (fake: FakeCore) => fake.status.activeRunId!;

describe('Paste area', () => {
  it('counts names live, folding duplicates and flagging invalid entries', async () => {
    const { user, textarea } = await setup();
    expect(screen.getByText(fullText('0 names detected · 0 duplicates folded'))).toBeInTheDocument();

    await user.click(textarea);
    await user.paste('Alice Martin\nBob, alice martin; ALICE MARTIN\t1234\nCarol');

    expect(
      await screen.findByText(fullText('3 names detected · 2 duplicates folded · 1 invalid')),
    ).toBeInTheDocument();
    expect(textarea).toHaveAccessibleDescription(/^3 names detected · 2 duplicates folded · 1 invalid/);
  });

  it('disables Enrich while nothing usable is pasted', async () => {
    const { user, textarea } = await setup();
    const button = screen.getByRole('button', { name: 'Enrich' });
    expect(button).toBeDisabled();

    await user.click(textarea);
    await user.paste('1234, ---');
    expect(await screen.findByText(/0 names detected/)).toBeInTheDocument();
    expect(button).toBeDisabled();

    await user.paste('\nZoe');
    await waitFor(() => expect(button).toBeEnabled());
  });

  it('starts enriching the pasted text with Ctrl+Enter and Cmd+Enter', async () => {
    const { fake, user, textarea } = await setup();
    await user.click(textarea);
    await user.paste('Alice\nBob');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(fake.handle['enrich:start']).toHaveBeenCalledWith({ text: 'Alice\nBob' }));

    act(() => fake.finishRun({ enriched: 2 }));
    await waitFor(() => expect(textarea).toHaveValue(''));

    await user.paste('Carol');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await waitFor(() => expect(fake.handle['enrich:start']).toHaveBeenLastCalledWith({ text: 'Carol' }));
  });

  it('shows progress from the run’s progress events and blocks a second run', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));

    const bar = await screen.findByRole('progressbar', { name: 'Enriching names' });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(screen.getByText('Starting…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enrich' })).toBeDisabled();

    // Another run's progress (one resumed in the background) is not this one's.
    act(() => fake.emitProgress({ runId: 'f'.repeat(24), done: 9, total: 10 }));
    await settle();
    expect(bar).not.toHaveAttribute('aria-valuenow');

    act(() => fake.emitProgress({ runId: activeRun(fake), done: 3, total: 10 }));
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '3'));
    expect(bar).toHaveAttribute('aria-valuemax', '10');
    expect(screen.getByText('3 / 10')).toBeInTheDocument();
  });

  it('cancels the run in flight, and the bar shows what was done, never a full bar', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const runId = activeRun(fake);
    act(() => fake.emitProgress({ runId, done: 300, total: 1000 }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(fake.handle['enrich:cancel']).toHaveBeenCalledWith({ runId });
    expect(await screen.findByRole('button', { name: 'Cancelling…' })).toBeDisabled();

    // While it stops, the names not asked are cancelled: they are not "done".
    act(() => fake.emitProgress({ runId, done: 310, total: 1000, cancelled: 690 }));
    const bar = screen.getByRole('progressbar', { name: 'Enriching names' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '310'));
    expect(screen.getByText('310 / 1,000')).toBeInTheDocument();
    expect(screen.getByText('690 cancelled')).toBeInTheDocument();
  });

  it('shows the summary, clears the text and refreshes the results when the run ends', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('progressbar');
    const leadsCalls = fake.handle['leads:list'].mock.calls.length;
    const failuresCalls = fake.handle['failures:list'].mock.calls.length;

    act(() =>
      fake.finishRun({
        enriched: 5,
        verified: 3,
        toCheck: 2,
        alreadyEnriched: 4,
        failed: [{ name: 'Xq', code: 'no_prediction', reason: 'No prediction' }],
        cancelled: 0,
        duplicatesFolded: 2,
      }),
    );

    expect(
      await screen.findByText(
        fullText(
          '5 enriched (3 Verified, 2 To Check) · 4 already enriched · 1 failed · 0 cancelled · 2 duplicates folded',
        ),
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Enrich finished in 1.2 s')).toBeInTheDocument();
    expect(textarea).toHaveValue('');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    await waitFor(() => expect(fake.handle['leads:list'].mock.calls.length).toBeGreaterThan(leadsCalls));
    expect(fake.handle['failures:list'].mock.calls.length).toBeGreaterThan(failuresCalls);
  });

  it('keeps the text, and says why, when the database could not store the names', async () => {
    const { fake, user, textarea } = await setup();
    await user.click(textarea);
    await user.paste('Alice\nBob');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('progressbar');
    const reason = 'The database was unavailable: connection closed';
    act(() =>
      fake.finishRun({
        enriched: 0,
        failed: [
          { name: 'Alice', code: 'db_unavailable', reason },
          { name: 'Bob', code: 'db_unavailable', reason },
        ],
      }),
    );
    expect(
      await screen.findByText(
        /2 names could not be stored: The database was unavailable: connection closed\./,
      ),
    ).toBeInTheDocument();
    expect(textarea).toHaveValue('Alice\nBob');
  });

  it('says a cancelled run was cancelled', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('progressbar');
    act(() => fake.finishRun({ state: 'cancelled', enriched: 0, cancelled: 1 }));
    expect(await screen.findByText('Enrich cancelled in 1.2 s')).toBeInTheDocument();
  });

  it('keeps text typed during the run', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('progressbar');
    await user.type(textarea, ', Bob');

    act(() => fake.finishRun({ enriched: 1 }));
    expect(await screen.findByText(/1 enriched/)).toBeInTheDocument();
    expect(textarea).toHaveValue('Alice, Bob');
  });

  it('shows the error and keeps the pasted text when the run is refused', async () => {
    const { fake, user, textarea } = await setup();
    await user.click(textarea);
    await user.paste('Alice\nBob');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('progressbar');

    act(() =>
      fake.failRun(new ApiError('db_unavailable', 'The database is unreachable: connection refused')),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Enrich failed.');
    expect(alert).toHaveTextContent('The database is unreachable: connection refused');
    expect(textarea).toHaveValue('Alice\nBob');
    expect(screen.getByRole('button', { name: 'Enrich' })).toBeEnabled();
  });
});
