import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { connectedStatus, createFakeCore, statusWith } from './fakeApi';
import { renderApp } from './render';

const footer = () => screen.getByRole('contentinfo');

const CLUSTER = { mode: 'uri', target: 'cluster0.example.net', local: null } as const;

describe('Status bar', () => {
  it('shows a connected database and the quota left', async () => {
    const resetsAt = new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString();
    const fake = createFakeCore({
      status: { ...connectedStatus, rateLimit: { limit: 500, remaining: 412, resetsAt } },
    });
    renderApp(fake);
    expect(await screen.findByText('Connected · this computer')).toBeInTheDocument();
    expect(footer()).toHaveTextContent('Quota left: 412 of 500 (resets in 2 h)');
  });

  it('names the host of a connection string, never its password', async () => {
    const fake = createFakeCore({ status: statusWith({ state: 'connected', ...CLUSTER }) });
    renderApp(fake);
    expect(await screen.findByText('Connected to cluster0.example.net')).toBeInTheDocument();
  });

  it('shows a connection in progress', async () => {
    const fake = createFakeCore({ status: statusWith({ state: 'connecting', ...CLUSTER }) });
    renderApp(fake);
    expect(await screen.findByText('Connecting to cluster0.example.net…')).toBeInTheDocument();
  });

  it('shows the database engine download with its percentage, then the start', async () => {
    const fake = createFakeCore({
      status: statusWith({
        state: 'connecting',
        mode: 'local',
        local: { phase: 'downloading', percent: 42, message: 'Downloading MongoDB 8.0' },
      }),
    });
    renderApp(fake);
    expect(await screen.findByText('Downloading the database engine: 42%')).toBeInTheDocument();
    const bar = within(footer()).getByRole('progressbar', { name: 'Database engine download' });
    expect(bar).toHaveAttribute('aria-valuenow', '42');

    act(() =>
      fake.emitStatus(
        statusWith({
          state: 'connecting',
          mode: 'local',
          local: { phase: 'starting', percent: null, message: 'Starting' },
        }),
      ),
    );
    await waitFor(() => expect(footer()).toHaveTextContent('Starting the local database…'));
    expect(within(footer()).queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('offers Retry when the local database failed, and retries it', async () => {
    const fake = createFakeCore({
      status: statusWith({
        state: 'error',
        mode: 'local',
        message: 'The database engine could not be downloaded: check the internet connection',
        local: { phase: 'failed', percent: null, message: 'download failed' },
      }),
    });
    const user = userEvent.setup();
    renderApp(fake);
    expect(
      await screen.findByText(
        'Error: The database engine could not be downloaded: check the internet connection',
      ),
    ).toHaveClass('error-text');

    await user.click(within(footer()).getByRole('button', { name: 'Retry' }));
    expect(fake.handle['database:retry-local']).toHaveBeenCalledTimes(1);
    expect(await within(footer()).findByText('Starting the local database…')).toBeInTheDocument();
    expect(within(footer()).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });

  it('opens the database settings from a failed local database to use a connection string', async () => {
    const fake = createFakeCore({
      status: statusWith({
        state: 'error',
        mode: 'local',
        message: 'The local database did not start',
        local: { phase: 'failed', percent: null, message: 'exit code 1' },
      }),
    });
    const user = userEvent.setup();
    renderApp(fake);
    await user.click(await within(footer()).findByRole('button', { name: 'Use a connection string' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(dialog).getByRole('radio', { name: /MongoDB connection string/ })).toBeChecked();
    expect(within(dialog).getByLabelText('Connection string')).toHaveAttribute('type', 'password');
  });

  it('says when the retry itself fails', async () => {
    const fake = createFakeCore({
      status: statusWith({
        state: 'error',
        mode: 'local',
        message: 'The local database did not start',
        local: { phase: 'failed', percent: null, message: 'exit code 1' },
      }),
    });
    fake.handle['database:retry-local'].mockRejectedValueOnce(new Error('The app core could not be reached'));
    const user = userEvent.setup();
    renderApp(fake);
    await user.click(await within(footer()).findByRole('button', { name: 'Retry' }));
    expect(await within(footer()).findByRole('alert')).toHaveTextContent(
      'Retry failed: The app core could not be reached',
    );
  });

  it('offers to set up a database that is not configured', async () => {
    const fake = createFakeCore({
      status: statusWith({
        state: 'not_configured',
        mode: 'uri',
        target: null,
        message: 'No database set up',
      }),
    });
    const user = userEvent.setup();
    renderApp(fake);
    expect(await screen.findByText('No database set up')).toBeInTheDocument();
    await user.click(within(footer()).getByRole('button', { name: 'Set up database' }));
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeInTheDocument();
  });

  it('follows pushed status changes: a lost connection is amber', async () => {
    const fake = createFakeCore();
    renderApp(fake);
    await screen.findByText('Connected · this computer');

    act(() => fake.emitStatus(statusWith({ state: 'disconnected', message: 'connection refused' })));

    expect(await screen.findByText('Disconnected: connection refused')).toHaveClass('warning-text');
  });

  it('says when the status cannot be read', async () => {
    const fake = createFakeCore();
    fake.handle['status:get'].mockRejectedValue(
      new Error('The app core could not be reached: Failed to fetch'),
    );
    renderApp(fake);
    expect(
      await screen.findByText(/Status unavailable: The app core could not be reached/),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(footer()).queryByRole('button')).not.toBeInTheDocument());
  });
});
