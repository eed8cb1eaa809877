import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api';
import { connectedStatus, createFakeCore, makeLead, makeSettings, statusWith } from './fakeApi';
import { renderApp } from './render';
import { settle } from './text';

const footer = () => screen.getByRole('contentinfo');
const DOWNLOAD_FAILED = statusWith({
  state: 'error',
  mode: 'local',
  message: 'The database engine could not be downloaded: check the internet connection',
  local: { phase: 'failed', percent: null, message: 'download failed' },
});

describe('What the window says about the database', () => {
  it('says nothing of a local database before the person has chosen one', async () => {
    const fake = createFakeCore({ settings: makeSettings({ firstRunDone: false }), status: DOWNLOAD_FAILED });
    renderApp(fake);
    await screen.findByRole('main', { name: 'Welcome to Lead Enricher' });
    expect(footer()).toHaveTextContent('No database chosen yet');
    expect(footer()).not.toHaveTextContent('could not be downloaded');
    expect(within(footer()).queryByRole('button')).not.toBeInTheDocument();
  });

  it('waits for a starting database without an error, then shows the leads', async () => {
    const starting = statusWith({
      state: 'connecting',
      mode: 'local',
      message: 'Starting the local database…',
      local: { phase: 'starting', percent: null, message: 'Starting' },
    });
    const fake = createFakeCore({ status: starting, leads: [makeLead({ name: 'Ada Lovelace' })] });
    renderApp(fake);
    expect((await screen.findAllByText('Waiting for the database…')).length).toBeGreaterThan(0);
    expect(footer()).toHaveTextContent('Starting the local database…');
    await settle();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fake.handle['leads:list']).not.toHaveBeenCalled();

    act(() => fake.emitStatus(connectedStatus));
    expect(await screen.findByRole('rowheader', { name: 'Ada Lovelace' })).toBeInTheDocument();
  });

  it('leaves a failed database to the status bar: the views wait, in no red', async () => {
    const fake = createFakeCore({ status: DOWNLOAD_FAILED });
    renderApp(fake);
    expect((await screen.findAllByText('Waiting for the database…')).length).toBeGreaterThan(0);
    await settle();
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
    expect(within(footer()).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('does not turn a database that drops between two calls into an error of the table', async () => {
    const fake = createFakeCore({ leads: [makeLead({ name: 'Ada Lovelace' })] });
    fake.handle['leads:list'].mockRejectedValueOnce(
      new ApiError('db_unavailable', 'The database is unavailable: connection closed'),
    );
    renderApp(fake);
    expect((await screen.findAllByText('Waiting for the database…')).length).toBeGreaterThan(0);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('wraps a long status message instead of cutting it, with the whole text as its tooltip', async () => {
    const message =
      'The database stopped answering (connection to 127.0.0.1:27017 timed out): the leads and runs are kept, and the work goes on when it answers again';
    const fake = createFakeCore({ status: statusWith({ state: 'disconnected', message }) });
    renderApp(fake);
    const text = await within(footer()).findByText(`Disconnected: ${message}`);
    expect(text).toHaveAttribute('title', `Disconnected: ${message}`);
    await waitFor(() => expect(text).toHaveClass('database-status-text'));
  });
});
