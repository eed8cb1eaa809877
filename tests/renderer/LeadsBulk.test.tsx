import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LeadsView } from '../../src/renderer/src/components/LeadsView';
import { createFakeCore, makeLead, makeSettings, type FakeCore } from './fakeApi';
import { renderWithApi } from './render';

function manyLeads(n: number) {
  return Array.from({ length: n }, (_, i) =>
    makeLead({
      name: `Lead ${String(i).padStart(3, '0')}`,
      status: i % 2 === 0 ? 'Verified' : 'To Check',
      createdAt: new Date(2025, 0, 1, 0, i).toISOString(),
    }),
  );
}

function setup(fake: FakeCore = createFakeCore({ leads: manyLeads(3) })) {
  const user = userEvent.setup();
  const onRefresh = vi.fn(async () => null);
  renderWithApi(<LeadsView onRefresh={onRefresh} />, fake);
  return { fake, user, onRefresh };
}

const bar = () => screen.getByRole('toolbar', { name: 'Selected leads' });

describe('Selecting leads and acting on them', () => {
  it('deletes the ticked leads after asking, and nothing when the question is cancelled', async () => {
    const { fake, user } = setup();
    const table = await screen.findByRole('table', { name: 'Leads' });
    expect(within(bar()).getByRole('button', { name: 'Delete…' })).toBeDisabled();
    await user.click(within(table).getByRole('checkbox', { name: 'Select Lead 000' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Select Lead 002' }));
    expect(within(bar()).getByText('2 selected')).toBeInTheDocument();

    await user.click(within(bar()).getByRole('button', { name: 'Delete…' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete 2 leads?' });
    // A destructive answer is not the focused one.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.handle['leads:delete']).not.toHaveBeenCalled();

    await user.click(within(bar()).getByRole('button', { name: 'Delete…' }));
    dialog = screen.getByRole('dialog', { name: 'Delete 2 leads?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 2 leads' }));
    const ids = fake.handle['leads:delete'].mock.calls[0]![0].ids!;
    expect(ids).toHaveLength(2);
    expect(await screen.findByText('2 leads deleted.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(1));
    expect(screen.getByRole('tab', { name: 'All (1)' })).toBeInTheDocument();
    expect(within(bar()).getByText('Select leads to act on them')).toBeInTheDocument();
  });

  it('selects a whole page, then every lead matching the view, and deletes those by the filter', async () => {
    const { fake, user } = setup(createFakeCore({ leads: manyLeads(120) }));
    await user.click(await screen.findByRole('tab', { name: 'Verified (60)' }));
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(50));
    await user.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    expect(within(bar()).getByText('50 selected')).toBeInTheDocument();
    await user.click(within(bar()).getByRole('button', { name: 'Select all 60 matching' }));
    expect(within(bar()).getByText('60 selected')).toBeInTheDocument();
    // Too many to hold in the page: copied by export only.
    expect(within(bar()).getByRole('button', { name: 'Copy' })).toBeDisabled();

    await user.click(within(bar()).getByRole('button', { name: 'Delete…' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete 60 leads?' })).getByRole('button', {
        name: 'Delete 60 leads',
      }),
    );
    expect(fake.handle['leads:delete']).toHaveBeenCalledWith({ filter: { status: 'Verified' } });
    expect(await screen.findByText('60 leads deleted.')).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: 'All (60)' })).toBeInTheDocument();
  });

  it('copies the ticked leads as tab-separated rows with a header', async () => {
    const { user } = setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(await screen.findByRole('checkbox', { name: 'Select Lead 001' }));
    await user.click(within(bar()).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const [header, row] = writeText.mock.calls[0]![0].split('\n');
    expect(header!.split('\t')[0]).toBe('Name');
    expect(row!.split('\t')[0]).toBe('Lead 001');
    expect(await screen.findByText(/1 lead copied/)).toBeInTheDocument();
  });

  it('says what refreshing costs of the quota before it starts', async () => {
    const fake = createFakeCore({ leads: manyLeads(3) });
    fake.status = {
      ...fake.status,
      rateLimit: { limit: 100, remaining: 1, resetsAt: new Date(Date.now() + 3_600_000).toISOString() },
    };
    const { user, onRefresh } = setup(fake);
    await user.click(await screen.findByRole('checkbox', { name: 'Select Lead 000' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Lead 001' }));
    await user.click(within(bar()).getByRole('button', { name: 'Refresh…' }));
    const dialog = screen.getByRole('dialog', { name: 'Refresh 2 leads?' });
    expect(dialog).toHaveTextContent('2 of quota, of 1 left in this window');
    expect(dialog).toHaveTextContent(/wait in the run/);
    await user.click(within(dialog).getByRole('button', { name: 'Refresh 2 leads' }));
    expect(onRefresh).toHaveBeenCalledTimes(1);
    const [target] = onRefresh.mock.calls[0] as unknown as [{ kind: string; leads: unknown[] }];
    expect(target.kind).toBe('ids');
    expect(target.leads).toHaveLength(2);
  });
});

describe('After a threshold change', () => {
  it('offers to reclassify the stored leads that the current rule moves, in one go', async () => {
    const fake = createFakeCore({ leads: manyLeads(3) });
    fake.handle['leads:reclassify-preview'].mockResolvedValueOnce({
      threshold: 0.7,
      minSampleCount: 0,
      toVerified: 1,
      toToCheck: 2,
      changes: 3,
      decided: 0,
    });
    fake.handle['leads:reclassify'].mockResolvedValueOnce({
      threshold: 0.7,
      minSampleCount: 0,
      toVerified: 1,
      toToCheck: 2,
      changed: 3,
    });
    const { user } = setup(fake);
    const offer = await screen.findByRole('region', { name: 'Reclassify leads' });
    expect(offer).toHaveTextContent(
      /3 stored leads were classified under an older rule\. .*: 1 would become Verified and 2 To Check\./,
    );
    await user.click(within(offer).getByRole('button', { name: 'Reclassify 3 leads' }));
    expect(await screen.findByText('3 leads reclassified under the current rule.')).toBeInTheDocument();
    // Asked again: every lead follows the rule now, so the offer goes.
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Reclassify leads' })).not.toBeInTheDocument(),
    );
    expect(fake.handle['leads:reclassify']).toHaveBeenCalledTimes(1);
  });

  it('in reviewed sync mode approves the selected leads for the CRM, saying which were not waiting', async () => {
    const fake = createFakeCore({
      leads: manyLeads(3),
      settings: makeSettings({
        sync: {
          enabled: true,
          schedule: '5',
          mode: 'reviewed',
          claimSeconds: 120,
          deliveryTimeoutSeconds: 30,
        },
      }),
    });
    const { user } = setup(fake);
    const table = await screen.findByRole('table', { name: 'Leads' });
    // Lead 000 is Verified and waiting; Lead 001 is To Check, so it is not sent by an approval.
    await user.click(within(table).getByRole('checkbox', { name: 'Select Lead 000' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Select Lead 001' }));
    await user.click(screen.getByRole('button', { name: 'Approve 2 for the CRM' }));
    expect(fake.handle['sync:approve']).toHaveBeenCalledWith({
      ids: [fake.leads[0]!.id, fake.leads[1]!.id],
    });
    expect(
      await screen.findByText(
        '1 lead approved: the next run sends them. 1 other was not waiting for approval (To Check, rejected, already approved or in the CRM).',
      ),
    ).toBeInTheDocument();
  });

  it('offers no CRM approval in automatic sync mode', async () => {
    const { user } = setup();
    const table = await screen.findByRole('table', { name: 'Leads' });
    await user.click(within(table).getByRole('checkbox', { name: 'Select Lead 000' }));
    expect(screen.queryByRole('button', { name: /for the CRM$/ })).not.toBeInTheDocument();
  });
});
