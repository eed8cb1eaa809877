import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api';
import { App } from '../../src/renderer/src/App';
import { createFakeApi, hexId, type FakeApi } from './fakeApi';
import { fullText } from './text';

async function setup(fake: FakeApi = createFakeApi()) {
  const user = userEvent.setup();
  render(<App api={fake} />);
  const textarea = await screen.findByRole('textbox', { name: 'Names' });
  return { fake, user, textarea };
}

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
    expect(fake.enrich).toHaveBeenCalledWith('Alice\nBob');

    act(() => fake.finishRun({ enriched: 2 }));
    await waitFor(() => expect(textarea).toHaveValue(''));

    await user.paste('Carol');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    expect(fake.enrich).toHaveBeenLastCalledWith('Carol');
  });

  it('shows progress from progress events and blocks a second run', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));

    const bar = await screen.findByRole('progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(screen.getByText('Starting…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enrich' })).toBeDisabled();

    act(() => fake.emitProgress({ runId: hexId(1), done: 3, total: 10 }));
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(bar).toHaveAttribute('aria-valuemax', '10');
    expect(screen.getByText('3 / 10')).toBeInTheDocument();
  });

  it('cancels the run in flight', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(fake.cancelEnrich).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
  });

  it('shows the summary, clears the text and refreshes the results when the run ends', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const leadsCalls = fake.listLeads.mock.calls.length;
    const failuresCalls = fake.listFailures.mock.calls.length;

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
    await waitFor(() => expect(fake.listLeads.mock.calls.length).toBeGreaterThan(leadsCalls));
    expect(fake.listFailures.mock.calls.length).toBeGreaterThan(failuresCalls);
  });

  it('keeps the text, and says why, when the database could not store the names', async () => {
    const { fake, user, textarea } = await setup();
    await user.click(textarea);
    await user.paste('Alice\nBob');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
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
    act(() => fake.finishRun({ enriched: 0, cancelled: 1 }));
    expect(await screen.findByText('Enrich cancelled in 1.2 s')).toBeInTheDocument();
  });

  it('keeps text typed during the run', async () => {
    const { fake, user, textarea } = await setup();
    await user.type(textarea, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
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
