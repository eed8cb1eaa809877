// The sync panel's CRM part as a person reads it: where leads go and what that means, how many wait,
// approvals in reviewed mode, each lead's record (with a safe link) or error.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LeadsView } from '../../src/renderer/src/components/LeadsView';
import { SyncPanel } from '../../src/renderer/src/components/SyncPanel';
import {
  createFakeCore,
  makeCrmSettings,
  makeLead,
  makeSettings,
  makeSyncStatus,
  type FakeCore,
} from './fakeApi';
import { renderApp, renderWithApi } from './render';
import { settle } from './text';

function reviewedHubspot(): FakeCore {
  const fake = createFakeCore({
    settings: makeSettings({
      sync: { enabled: true, schedule: '5', mode: 'reviewed', claimSeconds: 120, deliveryTimeoutSeconds: 30 },
      crm: makeCrmSettings({ mode: 'hubspot' }),
    }),
    sync: makeSyncStatus({ mode: 'hubspot' }),
    leads: [
      makeLead({ name: 'Ada Lovelace', status: 'Verified' }),
      makeLead({ name: 'Grace Hopper', status: 'Verified' }),
      makeLead({ name: 'Linus Torvalds', status: 'Verified', syncState: 'synced' }),
      makeLead({
        name: 'Hedy Lamarr',
        status: 'Verified',
        syncState: 'failed',
        syncError: 'HubSpot refused it: Property "email" is invalid',
      }),
      makeLead({ name: 'Alan Turing', status: 'To Check' }),
    ],
  });
  const synced = fake.leads[2]!;
  fake.records.set(synced.id, {
    id: synced.id,
    state: 'synced',
    crm: 'hubspot',
    recordId: '501',
    recordUrl: 'https://app.hubspot.com/contacts/4242/record/0-1/501',
    syncedAt: '2025-11-20T10:41:00.000Z',
    approvedAt: null,
    error: null,
  });
  return fake;
}

describe('CRM sync panel: the CRM', () => {
  it('Simulated says nothing leaves this computer, and its button opens Settings → CRM', async () => {
    const user = userEvent.setup();
    renderApp(createFakeCore());
    await user.click(await screen.findByRole('tab', { name: 'CRM sync' }));
    const crm = await screen.findByRole('region', { name: 'Where leads go' });
    expect(crm).toHaveTextContent('CRM: Simulated — Nothing leaves this computer');
    expect(crm).toHaveTextContent('Automatic: Verified leads are sent by themselves.');
    await user.click(within(crm).getByRole('button', { name: 'Connect a real CRM…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(within(dialog).getByRole('heading', { name: 'CRM sync' })).toHaveFocus());
  });

  it('reviewed: counts what waits, Approve all pending approves them, and the counts follow', async () => {
    const fake = reviewedHubspot();
    const user = userEvent.setup();
    renderWithApi(<SyncPanel />, fake);
    const crm = await screen.findByRole('region', { name: 'Where leads go' });
    await waitFor(() =>
      expect(crm).toHaveTextContent(/Pending\s*2\s*Approved\s*0\s*Synced\s*1\s*Failed\s*1/),
    );
    expect(crm).toHaveTextContent('Reviewed: nothing is sent until a person approves it.');
    expect(crm).toHaveTextContent('The next run has nothing to send. 2 Verified leads wait for approval.');

    await user.click(within(crm).getByRole('button', { name: 'Approve all pending (2)' }));
    expect(fake.handle['sync:approve']).toHaveBeenCalledWith({ allPending: true });
    expect(await within(crm).findByText('2 leads approved: the next run sends them.')).toBeInTheDocument();
    await waitFor(() => expect(crm).toHaveTextContent(/Pending\s*0\s*Approved\s*2/));
    expect(crm).toHaveTextContent('The next run sends 2 leads.');
    expect(within(crm).queryByRole('button', { name: /Approve all pending/ })).not.toBeInTheDocument();
  });

  it('counts follow the sync status the core pushes (a background run sent leads)', async () => {
    const fake = reviewedHubspot();
    renderWithApi(<SyncPanel />, fake);
    const crm = await screen.findByRole('region', { name: 'Where leads go' });
    await waitFor(() => expect(crm).toHaveTextContent(/Synced\s*1/));
    fake.leads = fake.leads.map((lead) =>
      lead.name === 'Ada Lovelace' ? { ...lead, syncState: 'synced', isCrmSynced: true } : lead,
    );
    fake.emitSync(makeSyncStatus({ mode: 'hubspot' }));
    await waitFor(() => expect(crm).toHaveTextContent(/Pending\s*1\s*Approved\s*0\s*Synced\s*2/));
  });

  it('automatic mode offers no bulk approval: pending leads go by themselves', async () => {
    const fake = createFakeCore({ leads: [makeLead({ name: 'Ada Lovelace', status: 'Verified' })] });
    renderWithApi(<SyncPanel />, fake);
    const crm = await screen.findByRole('region', { name: 'Where leads go' });
    await waitFor(() => expect(crm).toHaveTextContent('The next run sends 1 lead.'));
    expect(within(crm).queryByRole('button', { name: /Approve/ })).not.toBeInTheDocument();
  });
});

describe('CRM sync panel: leads one by one', () => {
  it('shows a synced lead with its record id, linked safely to the CRM', async () => {
    const fake = reviewedHubspot();
    const user = userEvent.setup();
    renderWithApi(<SyncPanel />, fake);
    const leads = await screen.findByRole('region', { name: 'Leads in the CRM' });
    await user.selectOptions(within(leads).getByRole('combobox', { name: 'Show' }), 'In the CRM');
    const link = await within(leads).findByRole('link', { name: 'Open record 501 in the CRM' });
    expect(link).toHaveAttribute('href', 'https://app.hubspot.com/contacts/4242/record/0-1/501');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    const row = within(leads).getByRole('row', { name: /Linus Torvalds/ });
    expect(row).toHaveTextContent(/In HubSpot/);
  });

  it('never links an address that is not a web page', async () => {
    const fake = reviewedHubspot();
    const synced = fake.leads[2]!;
    fake.records.set(synced.id, { ...fake.records.get(synced.id)!, recordUrl: 'javascript:alert(1)' });
    const user = userEvent.setup();
    renderWithApi(<SyncPanel />, fake);
    const leads = await screen.findByRole('region', { name: 'Leads in the CRM' });
    await user.selectOptions(within(leads).getByRole('combobox', { name: 'Show' }), 'In the CRM');
    expect(await within(leads).findByText('501')).toBeInTheDocument();
    expect(within(leads).queryByRole('link')).not.toBeInTheDocument();
  });

  it('approves a waiting lead, withdraws it again, and retries a failed one with its reason shown', async () => {
    const fake = reviewedHubspot();
    const user = userEvent.setup();
    renderWithApi(<SyncPanel />, fake);
    const leads = await screen.findByRole('region', { name: 'Leads in the CRM' });
    const ada = () => within(leads).getByRole('row', { name: /Ada Lovelace/ });
    await waitFor(() => expect(ada()).toHaveTextContent('Waiting for approval'));

    await user.click(within(ada()).getByRole('button', { name: 'Approve Ada Lovelace for the CRM' }));
    expect(fake.handle['sync:approve']).toHaveBeenCalledWith({ ids: [fake.leads[0]!.id] });
    await waitFor(() => expect(ada()).toHaveTextContent('Approved · sent with the next run'));
    await user.click(within(ada()).getByRole('button', { name: 'Withdraw the approval of Ada Lovelace' }));
    await waitFor(() => expect(ada()).toHaveTextContent('Waiting for approval'));

    await user.selectOptions(within(leads).getByRole('combobox', { name: 'Show' }), 'Failed');
    const hedy = await within(leads).findByRole('row', { name: /Hedy Lamarr/ });
    expect(hedy).toHaveTextContent('HubSpot refused it: Property "email" is invalid');
    await user.click(within(hedy).getByRole('button', { name: 'Retry sync of Hedy Lamarr' }));
    expect(fake.handle['sync:retry-leads']).toHaveBeenCalledWith({ ids: [fake.leads[3]!.id] });
    expect(await screen.findByText('Hedy Lamarr queued for another attempt.')).toBeInTheDocument();
  });

  it('a To Check lead is approved one by one', async () => {
    const fake = reviewedHubspot();
    const user = userEvent.setup();
    renderWithApi(<SyncPanel />, fake);
    const leads = await screen.findByRole('region', { name: 'Leads in the CRM' });
    await user.selectOptions(within(leads).getByRole('combobox', { name: 'Show' }), 'To Check (not sent)');
    const alan = await within(leads).findByRole('row', { name: /Alan Turing/ });
    await waitFor(() => expect(alan).toHaveTextContent('Not sent'));
    await user.click(within(alan).getByRole('button', { name: 'Approve Alan Turing for the CRM' }));
    expect(fake.handle['sync:approve-one']).toHaveBeenCalledWith({ id: fake.leads[4]!.id });
    expect(await screen.findByText('Alan Turing approved: the next run sends it.')).toBeInTheDocument();
  });
});

describe('Leads table: approvals in reviewed mode', () => {
  it('a pending Verified lead is approved from its CRM cell, then reads Approved', async () => {
    const fake = reviewedHubspot();
    const user = userEvent.setup();
    renderWithApi(<LeadsView />, fake);
    const row = async (name: string) =>
      (await screen.findByRole('rowheader', { name })).closest('tr') as HTMLElement;
    const ada = await row('Ada Lovelace');
    await waitFor(() => expect(ada).toHaveTextContent('Awaiting approval'));
    await user.click(within(ada).getByRole('button', { name: 'Approve Ada Lovelace for the CRM' }));
    expect(fake.handle['sync:approve']).toHaveBeenCalledWith({ ids: [fake.leads[0]!.id] });
    await waitFor(async () => expect(await row('Ada Lovelace')).toHaveTextContent('Approved'));
    expect(
      within(await row('Ada Lovelace')).queryByRole('button', { name: /Approve/ }),
    ).not.toBeInTheDocument();
    // Not offered where it means nothing: a synced lead, or any lead in automatic mode.
    expect(
      within(await row('Linus Torvalds')).queryByRole('button', { name: /Approve/ }),
    ).not.toBeInTheDocument();
  });

  it('automatic mode: a pending lead just waits for the next sync', async () => {
    const fake = createFakeCore({ leads: [makeLead({ name: 'Ada Lovelace', status: 'Verified' })] });
    renderWithApi(<LeadsView />, fake);
    const ada = (await screen.findByRole('rowheader', { name: 'Ada Lovelace' })).closest('tr') as HTMLElement;
    await waitFor(() => expect(fake.handle['settings:get']).toHaveBeenCalled());
    await settle();
    expect(ada).toHaveTextContent('Pending');
    expect(within(ada).queryByRole('button', { name: /Approve/ })).not.toBeInTheDocument();
  });

  it('pages on by cursor, so a long list never reaches a page too far to jump to', async () => {
    const fake = reviewedHubspot();
    for (let i = 0; i < 40; i++) fake.leads.push(makeLead({ name: `Waiting ${i}`, status: 'Verified' }));
    const user = userEvent.setup();
    renderWithApi(<SyncPanel />, fake);
    const leads = await screen.findByRole('region', { name: 'Leads in the CRM' });
    const pager = await within(leads).findByRole('navigation', { name: 'CRM leads pages' });
    await user.click(within(pager).getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(fake.handle['leads:list']).toHaveBeenLastCalledWith(
        expect.objectContaining({ after: expect.any(String), syncState: 'pending', pageSize: 25 }),
      ),
    );
    expect(fake.handle['leads:list'].mock.lastCall![0]).not.toHaveProperty('page');
  });
});
