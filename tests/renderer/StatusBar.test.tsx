import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { connectedStatus, createFakeApi } from './fakeApi';

const footer = () => screen.getByRole('contentinfo');

describe('Status bar', () => {
  it('shows a connected database and the quota left', async () => {
    const resetsAt = new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString();
    const fake = createFakeApi({
      status: { ...connectedStatus, rateLimit: { limit: 500, remaining: 412, resetsAt } },
    });
    render(<App api={fake} />);
    expect(await screen.findByText('Database connected')).toBeInTheDocument();
    expect(footer()).toHaveTextContent('Quota left: 412 of 500 (resets in 2 h)');
  });

  it('explains a missing database configuration', async () => {
    const fake = createFakeApi({
      status: {
        ...connectedStatus,
        database: { state: 'not_configured', message: 'No database configured: set MONGODB_URI' },
      },
    });
    render(<App api={fake} />);
    expect(await screen.findByText('No database configured: set MONGODB_URI')).toBeInTheDocument();
  });

  it('follows pushed status changes', async () => {
    const fake = createFakeApi();
    render(<App api={fake} />);
    await screen.findByText('Database connected');

    act(() =>
      fake.emitStatus({
        ...connectedStatus,
        database: { state: 'disconnected', message: 'connection refused' },
      }),
    );

    expect(footer()).toHaveTextContent('Database disconnected: connection refused');
  });

  it('says when the status cannot be read', async () => {
    const fake = createFakeApi();
    fake.getStatus.mockRejectedValueOnce(new Error('The app core could not be reached: Failed to fetch'));
    render(<App api={fake} />);
    expect(
      await screen.findByText(/Status unavailable: The app core could not be reached/),
    ).toBeInTheDocument();
  });
});
