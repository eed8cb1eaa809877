import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LeadsView } from '../../src/renderer/src/components/LeadsView';
import { SyncPanel } from '../../src/renderer/src/components/SyncPanel';
import { createFakeCore, makeLead, makeSyncRun, makeSyncStatus, type FakeCore } from './fakeApi';
import { renderApp, renderWithApi } from './render';
import { fullText, settle } from './text';

const OTHER_APP = 'office-pc#977-ffeedd';

function busyStatus() {
  const lastRun = makeSyncRun({
    trigger: 'manual',
    startedAt: '2025-11-20T10:40:00.000Z',
    finishedAt: '2025-11-20T10:40:03.000Z',
    claimed: 12,
    delivered: 10,
    failed: 2,
    failures: [
      { name: 'Ana Lima', reason: 'CRM answered 422: email is required' },
      { name: 'Li Wei', reason: 'CRM timed out' },
    ],
  });
  const otherRun = makeSyncRun({
    instanceId: OTHER_APP,
    startedAt: '2025-11-20T10:45:00.000Z',
    finishedAt: '2025-11-20T10:45:01.000Z',
    claimed: 3,
    delivered: 3,
  });
  const brokenRun = makeSyncRun({
    startedAt: '2025-11-20T10:30:00.000Z',
    error: 'The database connection was lost',
  });
  return makeSyncStatus({
    mode: 'webhook',
    nextRunAt: new Date(Date.now() + 4 * 60_000 + 10_000).toISOString(),
    lastRun,
    // Deliberately out of order: the panel shows the newest first whatever it is sent.
    history: [lastRun, otherRun, brokenRun],
    log: [
      '2025-11-20T10:40:00.120Z [CRM Sync] Run started',
      '2025-11-20T10:40:03.450Z [CRM Sync] Run finished: 12 claimed, 10 delivered, 2 failed',
    ],
  });
}

/** The panel, with the leads table next to it: a finished sync makes it fetch the leads again. */
function setup(fake: FakeCore = createFakeCore({ sync: busyStatus() })) {
  const user = userEvent.setup();
  renderWithApi(
    <>
      <SyncPanel />
      <LeadsView />
    </>,
    fake,
  );
  // The table's fetches (the panel's own list of leads always asks for one CRM state).
  const leadFetches = () =>
    fake.handle['leads:list'].mock.calls.filter(([query]) => query.syncState === undefined).length;
  return { fake, user, leadFetches };
}

const section = (name: string) => screen.getByRole('region', { name });

describe('CRM sync panel', () => {
  it('shows the CRM, settings, next run, last run, history (by computer name) and log (local time)', async () => {
    setup();
    const settings = await screen.findByRole('region', { name: 'Settings' });
    expect(within(settings).getByRole('switch', { name: 'Background sync' })).toBeChecked();
    expect(within(settings).getByText(fullText('every 5 minutes'))).toBeInTheDocument();
    expect(within(settings).getByRole('textbox', { name: 'Schedule (minutes or cron)' })).toHaveValue('5');

    expect(section('Where leads go')).toHaveTextContent('CRM: Webhook');
    const state = section('Status');
    expect(state).toHaveTextContent(/in 4 min \(.+\)/);
    expect(state).toHaveTextContent('Idle');

    const last = section('Last run of this app');
    expect(last).toHaveTextContent('Sync now'); // the trigger
    expect(last).toHaveTextContent(/Claimed\s*12/);
    expect(last).toHaveTextContent(/Delivered\s*10/);
    expect(last).toHaveTextContent(/Failed\s*2/);
    expect(last).toHaveTextContent('(3.0 s)');
    expect(within(last).getAllByRole('listitem')).toHaveLength(2);
    expect(last).toHaveTextContent('Ana Lima: CRM answered 422: email is required');
    expect(last).toHaveTextContent('Li Wei: CRM timed out');

    const rows = within(section('Recent runs')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    // Apps are named by their computer, not by an id.
    expect(rows[0]).toHaveTextContent('office-pc');
    expect(rows[0]).not.toHaveTextContent(OTHER_APP);
    expect(rows[0]).not.toHaveTextContent('this app');
    expect(rows[1]).toHaveTextContent('laptopthis app');
    expect(rows[1]).toHaveTextContent('Done');
    expect(rows[2]).toHaveTextContent('Failed: The database connection was lost');

    const log = screen.getByRole('log', { name: 'Sync log' });
    // In local time, with the app's formatter: the UTC stamp is not shown.
    const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' }).format(
      new Date('2025-11-20T10:40:03.450Z'),
    );
    expect(log.textContent?.split('\n').at(-1)).toBe(
      `${localTime}  [CRM Sync] Run finished: 12 claimed, 10 delivered, 2 failed`,
    );
    expect(log).not.toHaveTextContent('T10:40');
  });

  it('shows why the last run itself failed', async () => {
    const lastRun = makeSyncRun({ error: 'The app quit during the run' });
    setup(createFakeCore({ sync: makeSyncStatus({ lastRun, history: [lastRun] }) }));
    expect(await screen.findByText('The run failed.')).toBeInTheDocument();
    expect(section('Last run of this app')).toHaveTextContent('The app quit during the run');
  });

  it('says when this app has not synced yet', async () => {
    setup(createFakeCore());
    expect(await screen.findByText('This app has not synced yet.')).toBeInTheDocument();
    expect(screen.getByText('No sync runs yet.')).toBeInTheDocument();
    expect(screen.getByText('No log lines yet.')).toBeInTheDocument();
  });

  it('turns background sync off', async () => {
    const { fake, user } = setup();
    const toggle = await screen.findByRole('switch', { name: 'Background sync' });
    await user.click(toggle);
    expect(fake.handle['settings:update']).toHaveBeenCalledWith({ sync: { enabled: false } });
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(section('Status')).toHaveTextContent(/Next run\s*Off/);
  });

  it('saves a new schedule and shows it in words', async () => {
    const { fake, user } = setup();
    const field = await screen.findByRole('textbox', { name: 'Schedule (minutes or cron)' });
    await user.clear(field);
    await user.type(field, '*/15 9-18 * * 1-5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.handle['settings:update']).toHaveBeenCalledWith({ sync: { schedule: '*/15 9-18 * * 1-5' } });
    expect(await screen.findByText(fullText('cron: */15 9-18 * * 1-5'))).toBeInTheDocument();
    expect(field).toHaveValue('*/15 9-18 * * 1-5');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('shows why a schedule is invalid and keeps the old one', async () => {
    const { fake, user } = setup();
    const field = await screen.findByRole('textbox', { name: 'Schedule (minutes or cron)' });
    await user.clear(field);
    await user.type(field, 'every tuesday{Enter}');

    expect(fake.handle['settings:update']).toHaveBeenCalledWith({ sync: { schedule: 'every tuesday' } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Invalid setting sync.schedule: give minutes between runs (like 5) or a cron expression',
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/Invalid setting sync.schedule/);
    expect(within(section('Settings')).getByText(fullText('every 5 minutes'))).toBeInTheDocument();
    expect(fake.sync.schedule).toBe('5');

    await user.type(field, 'x');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('syncs now, disabled while running, then reports the run and asks for fresh leads', async () => {
    const { fake, user, leadFetches } = setup();
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(fake.handle['sync:now']).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('button', { name: 'Syncing…' })).toBeDisabled();
    await waitFor(() => expect(leadFetches()).toBeGreaterThan(0));
    const before = leadFetches();

    act(() => fake.finishSync({ claimed: 4, delivered: 4 }));

    expect(await screen.findByText(/Sync finished:/)).toHaveTextContent(
      'Sync finished: 4 claimed · 4 delivered · 0 failed',
    );
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    await waitFor(() => expect(leadFetches()).toBe(before + 1));
    await waitFor(() => expect(fake.handle['sync:status']).toHaveBeenCalledTimes(2));
  });

  it('says when Sync now joined a run already in flight', async () => {
    const { fake, user } = setup(createFakeCore({ sync: makeSyncStatus({ running: true }) }));
    expect(await screen.findByText('Running')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    act(() => fake.finishSync({ trigger: 'schedule', claimed: 2, delivered: 2 }, true));
    expect(await screen.findByText(/A sync was already running; joined it\./)).toHaveTextContent(
      'A sync was already running; joined it. 2 claimed · 2 delivered · 0 failed',
    );
  });

  it('shows why Sync now failed', async () => {
    const fake = createFakeCore();
    fake.handle['sync:now'].mockRejectedValueOnce(new Error('No database configured: set MONGODB_URI'));
    const { user } = setup(fake);
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Sync failed. No database configured: set MONGODB_URI',
    );
  });

  it('follows pushed sync status and asks for fresh leads when a background run finishes', async () => {
    const { fake, leadFetches } = setup(createFakeCore());
    await screen.findByText('No sync runs yet.');
    await waitFor(() => expect(leadFetches()).toBe(1));

    const started = makeSyncRun({ finishedAt: null });
    act(() => fake.emitSync(makeSyncStatus({ running: true, history: [started], log: ['run started'] })));
    await waitFor(() => expect(section('Status')).toHaveTextContent('Running'));
    expect(section('Recent runs')).toHaveTextContent('Running…');
    await settle();
    expect(leadFetches()).toBe(1);

    const finished = { ...started, finishedAt: '2025-11-20T10:40:02.000Z', claimed: 1, delivered: 1 };
    act(() =>
      fake.emitSync(
        makeSyncStatus({ lastRun: finished, history: [finished], log: ['run started', 'run finished'] }),
      ),
    );
    await waitFor(() => expect(section('Status')).toHaveTextContent('Idle'));
    expect(screen.getByRole('log', { name: 'Sync log' })).toHaveTextContent('run finished');
    await waitFor(() => expect(leadFetches()).toBe(2));

    // The same run pushed again is no news.
    act(() => fake.emitSync(makeSyncStatus({ lastRun: finished, history: [finished] })));
    await settle();
    expect(leadFetches()).toBe(2);
  });

  it('says when the sync status cannot be loaded', async () => {
    const fake = createFakeCore();
    fake.handle['sync:status'].mockRejectedValueOnce(
      new Error('The app core could not be reached: Failed to fetch'),
    );
    setup(fake);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the sync status: The app core could not be reached',
    );
  });
});

describe('CRM sync in the app', () => {
  it('has its own view, and a finished sync refreshes the leads table', async () => {
    const fake = createFakeCore({ leads: [makeLead({ name: 'Camille Dupont' })] });
    const user = userEvent.setup();
    renderApp(fake);
    const leadsRow = (await screen.findByRole('rowheader', { name: 'Camille Dupont' })).closest('tr')!;
    expect(leadsRow).toHaveTextContent('Pending');

    await user.click(screen.getByRole('tab', { name: 'CRM sync' }));
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    fake.leads = fake.leads.map((lead) => ({
      ...lead,
      syncState: 'synced',
      isCrmSynced: true,
      crmSyncedAt: '2025-11-20T10:40:02.000Z',
    }));
    act(() => fake.finishSync({ claimed: 1, delivered: 1 }));

    await user.click(screen.getByRole('tab', { name: 'Leads' }));
    await waitFor(() =>
      expect(screen.getByRole('rowheader', { name: 'Camille Dupont' }).closest('tr')).toHaveTextContent(
        /Synced · /,
      ),
    );
  });
});
