// The overview's threshold preview, a lead's details and verdict, the chart filter's chip, and the
// gender and age columns, over the fake core.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { LeadsView } from '../../src/renderer/src/components/LeadsView';
import { BulkVerdicts } from '../../src/renderer/src/components/overview/BulkVerdicts';
import { OverviewView } from '../../src/renderer/src/components/overview/OverviewView';
import { createFakeCore, makeLead, makeOverview, makeSettings, type FakeCore } from './fakeApi';
import { renderWithApi } from './render';

beforeAll(() => {
  // jsdom has no layout: the charts' containers are measured with this (and stay empty, which is fine).
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

function bins(entries: Record<number, number>): number[] {
  const out = Array<number>(101).fill(0);
  for (const [bin, n] of Object.entries(entries)) out[Number(bin)] = n;
  return out;
}

describe('the threshold on the histogram', () => {
  function setup() {
    const fake = createFakeCore({
      overview: makeOverview({
        countries: [{ countryCode: 'DE', country: 'Germany', leads: 10 }],
        status: { verified: 5, toCheck: 5, rejected: 0, synced: 0, failed: 0 },
        probability: {
          all: bins({ 40: 1, 55: 4, 65: 3, 72: 2 }),
          movableVerified: bins({ 65: 3, 72: 2 }),
          // One of the 40 % leads rests on too few people: it moves at no threshold.
          movableToCheck: bins({ 55: 4 }),
        },
      }),
    });
    renderWithApi(<OverviewView active onFilter={() => {}} onShowFailures={() => {}} />, fake);
    return { fake, user: userEvent.setup() };
  }

  it('tells how many leads would move while it is dragged, and saves only when asked', async () => {
    const { fake, user } = setup();
    const handle = await screen.findByRole('slider', { name: 'Verified threshold' });
    expect(handle).toHaveValue('60');
    expect(screen.getByText(/Verified from 60 %/)).toBeInTheDocument();

    fireEvent.change(handle, { target: { value: '70' } });
    expect(
      screen.getByText(/3 Verified leads would become To Check, 0 To Check leads would become Verified/),
    ).toBeInTheDocument();
    fireEvent.change(handle, { target: { value: '73' } });
    expect(screen.getByText(/5 Verified leads would become To Check/)).toBeInTheDocument();
    fireEvent.change(handle, { target: { value: '50' } });
    expect(
      screen.getByText(/0 Verified leads would become To Check, 4 To Check leads would become Verified/),
    ).toBeInTheDocument();
    expect(fake.handle['settings:update']).not.toHaveBeenCalled();

    // Keep: back to the saved one, nothing sent.
    await user.click(screen.getByRole('button', { name: 'Keep 60 %' }));
    expect(handle).toHaveValue('60');
    expect(fake.handle['settings:update']).not.toHaveBeenCalled();

    fireEvent.change(handle, { target: { value: '50' } });
    await user.click(screen.getByRole('button', { name: 'Save 50 %' }));
    await waitFor(() =>
      expect(fake.handle['settings:update']).toHaveBeenCalledWith({ verifiedThreshold: 0.5 }),
    );
    expect(await screen.findByText(/Verified from 50 %/)).toBeInTheDocument();
  });
});

describe('the status chart', () => {
  it('filters by a status from its legend, and sends failed names to their own tab', async () => {
    const fake = createFakeCore({
      overview: makeOverview({
        countries: [{ countryCode: 'DE', country: 'Germany', leads: 7 }],
        status: { verified: 4, toCheck: 2, rejected: 1, synced: 3, failed: 5 },
      }),
    });
    const picks: unknown[] = [];
    let failures = 0;
    renderWithApi(
      <OverviewView active onFilter={(filter) => picks.push(filter)} onShowFailures={() => failures++} />,
      fake,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rejected 1' }));
    await user.click(screen.getByRole('button', { name: 'Synced to the CRM 3' }));
    await user.click(screen.getByRole('button', { name: 'Failed names 5' }));
    expect(picks).toEqual([{ kind: 'status', status: 'Rejected' }, { kind: 'synced' }]);
    expect(failures).toBe(1);
    // The map's countries are buttons too, named with their count.
    await user.click(screen.getByRole('button', { name: 'Germany: 7 leads' }));
    expect(picks.at(-1)).toEqual({ kind: 'country', countryCode: 'DE' });
  });
});

describe("a lead's details and verdict", () => {
  function unsure() {
    return makeLead({
      name: 'Anna Berg',
      countryCode: 'SE',
      country: 'Sweden',
      probability: 0.41,
      status: 'To Check',
      sampleCount: 4,
      alternatives: [
        { countryCode: 'NO', country: 'Norway', probability: 0.3 },
        { countryCode: 'DK', country: 'Denmark', probability: 0.12 },
      ],
    });
  }

  function setup(fake: FakeCore = createFakeCore({ leads: [unsure()] })) {
    renderWithApi(<LeadsView />, fake);
    return { fake, user: userEvent.setup() };
  }

  it('shows the likely countries with the sample count, and verifies the lead in another country', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Anna Berg' }));
    const dialog = await screen.findByRole('dialog', { name: 'Anna Berg' });
    const guesses = within(within(dialog).getByRole('list', { name: 'Likely countries' }));
    expect(guesses.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Sweden41.0%',
      'Norway30.0%',
      'Denmark12.0%',
    ]);
    expect(within(dialog).getByText('Based on 4 people with this name.')).toBeInTheDocument();

    // Any other country, found by its name.
    await user.click(within(dialog).getByRole('radio', { name: 'Another country' }));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search countries' }), 'finl');
    await user.selectOptions(within(dialog).getByRole('listbox', { name: 'Other countries' }), 'FI');
    await user.click(within(dialog).getByRole('button', { name: 'Verify as Finland' }));
    await waitFor(() =>
      expect(fake.handle['leads:decide']).toHaveBeenCalledWith({
        ids: [fake.leads[0]!.id],
        decision: 'verified',
        countryCode: 'FI',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const row = (await screen.findByRole('button', { name: 'Anna Berg' })).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('Finland'));
    expect(row).toHaveTextContent('Verified');

    // Opened again: who decided and when, the API's guess, and Undo.
    await user.click(within(row).getByRole('button', { name: 'Anna Berg' }));
    const again = await screen.findByRole('dialog', { name: 'Anna Berg' });
    expect(again).toHaveTextContent(/Verified by sam on .*2025.*The API's guess was Sweden \(41\.0%\)/);
    await user.click(within(again).getByRole('button', { name: 'Undo the verdict' }));
    await waitFor(() =>
      expect(fake.handle['leads:decide']).toHaveBeenLastCalledWith({
        ids: [fake.leads[0]!.id],
        decision: 'undo',
      }),
    );
  });

  it('rejects a To Check lead, and says so when the core refuses', async () => {
    const fake = createFakeCore({ leads: [unsure()] });
    fake.handle['leads:decide'].mockRejectedValueOnce(new Error('The database is not reachable'));
    const { user } = setup(fake);
    await user.click(await screen.findByRole('button', { name: 'Anna Berg' }));
    const dialog = await screen.findByRole('dialog', { name: 'Anna Berg' });
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not save the verdict: The database is not reachable',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.leads[0]).toMatchObject({ status: 'Rejected' });
  });
});

describe('verdicts on a selection', () => {
  it('verifies the selected leads in their top guess, or rejects them', async () => {
    const leads = [
      makeLead({ name: 'Anna Berg', status: 'To Check', countryCode: 'SE' }),
      makeLead({ name: 'Olga Ivanova', status: 'To Check', countryCode: 'RU' }),
    ];
    const fake = createFakeCore({ leads });
    let decided = 0;
    renderWithApi(<BulkVerdicts ids={leads.map((l) => l.id)} onDecided={() => decided++} />, fake);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Verify 2 as shown' }));
    await waitFor(() => expect(decided).toBe(1));
    expect(fake.handle['leads:decide']).toHaveBeenCalledWith({
      ids: leads.map((l) => l.id),
      decision: 'verified',
    });
    expect(fake.leads.map((l) => [l.status, l.countryCode])).toEqual([
      ['Verified', 'SE'],
      ['Verified', 'RU'],
    ]);
    await user.click(screen.getByRole('button', { name: 'Reject 2' }));
    await waitFor(() => expect(decided).toBe(2));
    expect(fake.leads.map((l) => l.status)).toEqual(['Rejected', 'Rejected']);
  });
});

describe('the Leads table under a chart filter', () => {
  it('shows the filter as a chip that removes it, and asks the core for that country only', async () => {
    const fake = createFakeCore({
      leads: [
        makeLead({ name: 'Hans Müller', countryCode: 'DE', country: 'Germany' }),
        makeLead({ name: 'Camille Dupont', countryCode: 'FR', country: 'France' }),
      ],
    });
    let cleared = false;
    renderWithApi(
      <LeadsView
        chartFilter={{ kind: 'country', countryCode: 'DE' }}
        onClearChartFilter={() => (cleared = true)}
      />,
      fake,
    );
    expect(await screen.findByRole('button', { name: 'Hans Müller' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Camille Dupont' })).not.toBeInTheDocument();
    expect(fake.handle['leads:list'].mock.lastCall?.[0]).toMatchObject({ countryCode: 'DE' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Remove filter Country: Germany' }));
    expect(cleared).toBe(true);
  });

  it('opens on the status a chart was clicked on, and a click on another tab replaces it', async () => {
    const fake = createFakeCore({
      leads: [
        makeLead({ name: 'Hans Müller', status: 'Verified' }),
        makeLead({ name: 'Alex Kim', status: 'To Check' }),
      ],
    });
    let cleared = false;
    renderWithApi(
      <LeadsView
        chartFilter={{ kind: 'status', status: 'To Check' }}
        onClearChartFilter={() => (cleared = true)}
      />,
      fake,
    );
    expect(await screen.findByRole('button', { name: 'Alex Kim' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /^To Check/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Status: To Check')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('tab', { name: /^All/ }));
    expect(cleared).toBe(true);
  });

  it('shows gender and age columns when Settings asks for them', async () => {
    const fake = createFakeCore({
      settings: makeSettings({
        nationalize: { ...makeSettings().nationalize, gender: true, age: true },
      }),
      leads: [makeLead({ name: 'Anna Berg', gender: 'female', genderProbability: 0.98, age: 41 })],
    });
    renderWithApi(<LeadsView />, fake);
    const row = (await screen.findByRole('button', { name: 'Anna Berg' })).closest('tr')!;
    expect(await screen.findByRole('columnheader', { name: 'Gender' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Age' })).toBeInTheDocument();
    expect(row).toHaveTextContent('Female 98.0%');
    expect(row).toHaveTextContent('41');
  });
});
