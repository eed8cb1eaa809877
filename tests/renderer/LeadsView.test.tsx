import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LeadsView } from '../../src/renderer/src/components/LeadsView';
import { createFakeCore, makeLead, type FakeCore } from './fakeApi';
import { renderWithApi } from './render';

function threeLeads() {
  return [
    makeLead({ name: 'Camille Dupont', countryCode: 'FR', country: 'France', probability: 0.873 }),
    makeLead({
      name: 'Hans Müller',
      countryCode: 'DE',
      country: 'Germany',
      probability: 0.912,
      syncState: 'synced',
      crmSyncedAt: '2025-11-20T10:42:00.000Z',
    }),
    makeLead({
      name: 'Alex Kim',
      countryCode: 'KR',
      country: 'South Korea',
      probability: 0.3451,
      status: 'To Check',
    }),
  ];
}

function setup(fake: FakeCore = createFakeCore({ leads: threeLeads() })) {
  const user = userEvent.setup();
  renderWithApi(<LeadsView />, fake);
  return { fake, user };
}

const lastQuery = (fake: FakeCore) => fake.handle['leads:list'].mock.lastCall?.[0];

describe('Results table', () => {
  it('renders each lead with flag, country, probability, status and sync state', async () => {
    setup();
    const row = (await screen.findByRole('rowheader', { name: 'Camille Dupont' })).closest('tr');
    if (!row) throw new Error('no row');
    const cells = within(row);
    expect(row.querySelector('.fi.fi-fr')).not.toBeNull();
    expect(cells.getByText('France')).toBeInTheDocument();
    expect(cells.getByText('FR')).toBeInTheDocument();
    expect(cells.getByText('87.3%')).toBeInTheDocument();
    expect(cells.getByText('Verified')).toBeInTheDocument();
    expect(cells.getByText('Pending')).toBeInTheDocument();

    const korean = screen.getByRole('rowheader', { name: 'Alex Kim' }).closest('tr');
    expect(korean?.querySelector('.fi.fi-kr')).not.toBeNull();
    expect(korean).toHaveTextContent('34.5%');
    expect(korean).toHaveTextContent('To Check');
    expect(korean).toHaveTextContent('—');
    expect(screen.getByRole('rowheader', { name: 'Hans Müller' }).closest('tr')).toHaveTextContent(
      /Synced · /,
    );
  });

  it('shows the counts on the status tabs and filters on the server', async () => {
    const { fake, user } = setup();
    expect(await screen.findByRole('tab', { name: 'All (3)' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Verified (2)' })).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('tab', { name: 'To Check (1)' })).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Verified (2)' }));

    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ status: 'Verified', page: 1, pageSize: 50 }));
    expect(screen.getByRole('tab', { name: 'Verified (2)' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: 'Alex Kim' })).not.toBeInTheDocument(),
    );
    expect(screen.getAllByRole('row')).toHaveLength(3); // header + 2 leads
  });

  it('moves between status tabs with the arrow keys', async () => {
    const { fake, user } = setup();
    await user.click(await screen.findByRole('tab', { name: 'All (3)' }));
    await user.keyboard('{ArrowLeft}');
    const toCheck = screen.getByRole('tab', { name: 'To Check (1)' });
    expect(toCheck).toHaveFocus();
    expect(toCheck).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ status: 'To Check' }));
  });

  it('searches on the server once typing pauses', async () => {
    const { fake, user } = setup();
    await screen.findByRole('rowheader', { name: 'Alex Kim' });

    await user.type(screen.getByRole('searchbox', { name: 'Search leads' }), 'germ');

    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ search: 'germ' }));
    const searches = fake.handle['leads:list'].mock.calls.map(([query]) => query?.search).filter(Boolean);
    expect(searches).toEqual(['germ']);
    await waitFor(() =>
      expect(screen.queryByRole('rowheader', { name: 'Alex Kim' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('rowheader', { name: 'Hans Müller' })).toBeInTheDocument();
  });

  it('says so when a search matches nothing', async () => {
    const { user } = setup();
    await screen.findByRole('rowheader', { name: 'Alex Kim' });
    await user.type(screen.getByRole('searchbox', { name: 'Search leads' }), 'zzz');
    expect(await screen.findByText('No leads match “zzz”.')).toBeInTheDocument();
  });

  it('sorts by a column header, toggling the direction', async () => {
    const { fake, user } = setup();
    await screen.findByRole('rowheader', { name: 'Alex Kim' });
    const nameHeader = screen.getByRole('columnheader', { name: /Name/ });
    expect(screen.getByRole('columnheader', { name: /Added/ })).toHaveAttribute('aria-sort', 'descending');
    expect(nameHeader).not.toHaveAttribute('aria-sort');

    await user.click(within(nameHeader).getByRole('button'));
    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ sortBy: 'name', sortDir: 'asc' }));
    expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await waitFor(() =>
      expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
        'Alex Kim',
        'Camille Dupont',
        'Hans Müller',
      ]),
    );

    await user.click(within(nameHeader).getByRole('button'));
    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ sortBy: 'name', sortDir: 'desc' }));
    expect(nameHeader).toHaveAttribute('aria-sort', 'descending');

    await user.click(within(screen.getByRole('columnheader', { name: /Probability/ })).getByRole('button'));
    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ sortBy: 'probability', sortDir: 'desc' }));
  });

  it('pages on the server, 50 leads at a time: next and previous by cursor, first, and a jump by number', async () => {
    const leads = Array.from({ length: 120 }, (_, i) =>
      makeLead({
        name: `Lead ${String(i).padStart(3, '0')}`,
        createdAt: new Date(2025, 0, 1, 0, i).toISOString(),
      }),
    );
    const { fake, user } = setup(createFakeCore({ leads }));
    const pageBox = () => screen.getByRole('spinbutton', { name: 'Page' });

    expect(await screen.findByText('Showing 1–50 of 120')).toBeInTheDocument();
    expect(pageBox()).toHaveValue(1);
    expect(screen.getByText('of 3')).toBeInTheDocument();
    expect(screen.getAllByRole('rowheader')).toHaveLength(50);
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'First' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    // The next page continues from the cursor of this one: no rows are skipped.
    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ after: expect.any(String), pageSize: 50 }));
    expect(lastQuery(fake)).not.toHaveProperty('page');
    expect(await screen.findByText('Showing 51–100 of 120')).toBeInTheDocument();
    expect(pageBox()).toHaveValue(2);

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Showing 101–120 of 120')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    // The first page is the one asked by number at the start (still cached).
    await user.click(screen.getByRole('button', { name: 'First' }));
    expect(await screen.findByText('Showing 1–50 of 120')).toBeInTheDocument();

    // A jump asks for the page by number.
    await user.clear(pageBox());
    await user.type(pageBox(), '3{Enter}');
    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ page: 3 }));
    expect(await screen.findByText('Showing 101–120 of 120')).toBeInTheDocument();

    // A new sort starts again at the first page.
    await user.click(within(screen.getByRole('columnheader', { name: /Name/ })).getByRole('button'));
    await waitFor(() => expect(lastQuery(fake)).toMatchObject({ sortBy: 'name', page: 1 }));
    expect(await screen.findByText('Showing 1–50 of 120')).toBeInTheDocument();
  });

  it('shows an empty state without leads', async () => {
    setup(createFakeCore());
    expect(await screen.findByText('No leads yet. Paste names and press Enrich.')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'All (0)' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Leads pages' })).not.toBeInTheDocument();
  });

  it('shows why leads could not be loaded', async () => {
    const fake = createFakeCore();
    fake.handle['leads:list'].mockRejectedValueOnce(new Error('The database is unreachable'));
    setup(fake);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load leads: The database is unreachable',
    );
  });
});
