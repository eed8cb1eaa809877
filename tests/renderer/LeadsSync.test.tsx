import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LeadsView } from '../../src/renderer/src/components/LeadsView';
import { createFakeCore, makeLead, type FakeCore } from './fakeApi';
import { renderWithApi } from './render';

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

function syncLeads() {
  return [
    makeLead({ name: 'Camille Dupont' }),
    makeLead({ name: 'Hans Müller', syncState: 'synced', crmSyncedAt: new Date().toISOString() }),
    makeLead({
      name: 'Ana Lima',
      syncState: 'failed',
      syncError: 'CRM answered 422: email is required for this contact type',
    }),
    makeLead({ name: 'Alex Kim', status: 'To Check' }),
  ];
}

function setup(fake: FakeCore = createFakeCore({ leads: syncLeads() })) {
  const user = userEvent.setup();
  renderWithApi(<LeadsView />, fake);
  return { fake, user };
}

const rowOf = async (name: string) => {
  const row = (await screen.findByRole('rowheader', { name })).closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};
// The checkbox, country, probability and status come before it.
const crmCell = (row: HTMLElement) => within(row).getAllByRole('cell')[4]!;
const idOf = (fake: FakeCore, name: string) => fake.leads.find((lead) => lead.name === name)?.id;

describe('CRM column of the leads table', () => {
  it('shows Pending, Synced with the time, Failed with the reason, and — for To Check', async () => {
    const { fake } = setup();
    expect(crmCell(await rowOf('Camille Dupont'))).toHaveTextContent(/^Pending$/);
    expect(screen.getByRole('columnheader', { name: 'CRM' })).toBeInTheDocument();

    const synced = crmCell(await rowOf('Hans Müller'));
    const syncedAt = fake.leads[1]!.crmSyncedAt!;
    expect(synced).toHaveTextContent(`Synced · ${TIME.format(new Date(syncedAt))}`);
    expect(within(synced).getByText(/Synced/)).toHaveAttribute('title', expect.stringMatching(/\d{4}/));

    const failed = crmCell(await rowOf('Ana Lima'));
    expect(failed).toHaveTextContent('Failed: CRM answered 422');
    expect(
      within(failed).getByTitle('CRM answered 422: email is required for this contact type'),
    ).toHaveClass('crm-failed-text');

    expect(crmCell(await rowOf('Alex Kim'))).toHaveTextContent(/^—$/);
  });

  it('tells a pending lead that will be retried after a failed attempt', async () => {
    setup(createFakeCore({ leads: [makeLead({ name: 'Li Wei', syncError: 'CRM timed out' })] }));
    const cell = crmCell(await rowOf('Li Wei'));
    expect(cell).toHaveTextContent('Pending (retrying)');
    expect(within(cell).getByTitle('Last attempt failed, will retry: CRM timed out')).toBeInTheDocument();
  });

  it('filters by CRM state on the server', async () => {
    const { fake, user } = setup();
    await rowOf('Ana Lima');
    const filter = screen.getByRole('combobox', { name: 'CRM' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All', 'Pending', 'Synced', 'Failed']);

    await user.selectOptions(filter, 'failed');

    await waitFor(() =>
      expect(fake.handle['leads:list'].mock.lastCall?.[0]).toMatchObject({ syncState: 'failed', page: 1 }),
    );
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Ana Lima']),
    );

    // Back to all: every lead again (the unfiltered page comes from the cache or the core).
    await user.selectOptions(filter, 'all');
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(4));
  });

  it('says so when no lead has the chosen CRM state', async () => {
    const { user } = setup(createFakeCore({ leads: [makeLead({ name: 'Camille Dupont' })] }));
    await rowOf('Camille Dupont');
    await user.selectOptions(screen.getByRole('combobox', { name: 'CRM' }), 'synced');
    expect(await screen.findByText('No leads with CRM state Synced.')).toBeInTheDocument();
  });

  it('retries the sync of one failed lead from its row, then fetches the leads again', async () => {
    const { fake, user } = setup();
    await rowOf('Ana Lima');
    expect(screen.getAllByRole('button', { name: /^Retry sync of / })).toHaveLength(1);
    const callsBefore = fake.handle['leads:list'].mock.calls.length;

    await user.click(screen.getByRole('button', { name: 'Retry sync of Ana Lima' }));

    expect(fake.handle['sync:retry-leads']).toHaveBeenCalledWith({ ids: [idOf(fake, 'Ana Lima')] });
    expect(await screen.findByText('1 lead queued for another sync attempt.')).toBeInTheDocument();
    await waitFor(() => expect(fake.handle['leads:list'].mock.calls.length).toBeGreaterThan(callsBefore));
    await waitFor(() =>
      expect(crmCell(screen.getByRole('rowheader', { name: 'Ana Lima' }).closest('tr')!)).toHaveTextContent(
        /^Pending$/,
      ),
    );
    expect(screen.queryByRole('button', { name: 'Retry sync for failed' })).not.toBeInTheDocument();
  });

  it('retries every failed lead of the filter, beyond the page on screen', async () => {
    const failed = Array.from({ length: 60 }, (_, i) =>
      makeLead({
        name: `Failed ${String(i).padStart(2, '0')}`,
        syncState: 'failed',
        syncError: 'CRM said no',
      }),
    );
    const { fake, user } = setup(
      createFakeCore({ leads: [...failed, makeLead({ name: 'Camille Dupont' })] }),
    );
    await user.selectOptions(await screen.findByRole('combobox', { name: 'CRM' }), 'failed');
    expect(await screen.findByText('60 leads could not be sent to the CRM.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry sync for failed' }));

    await waitFor(() => expect(fake.handle['sync:retry-leads']).toHaveBeenCalledTimes(1));
    const ids = fake.handle['sync:retry-leads'].mock.lastCall?.[0].ids ?? [];
    expect([...ids].sort()).toEqual(failed.map((lead) => lead.id).sort());
    expect(await screen.findByText('60 leads queued for another sync attempt.')).toBeInTheDocument();
    expect(await screen.findByText('No leads with CRM state Failed.')).toBeInTheDocument();
  });

  it('shows why a sync retry failed', async () => {
    const fake = createFakeCore({ leads: syncLeads() });
    fake.handle['sync:retry-leads'].mockRejectedValueOnce(new Error('The database is unreachable'));
    const { user } = setup(fake);
    await user.click(await screen.findByRole('button', { name: 'Retry sync of Ana Lima' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not retry sync: The database is unreachable',
    );
  });
});
