import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeCore, makeSettings } from './fakeApi';
import { renderApp } from './render';

function firstStart() {
  const fake = createFakeCore({ settings: makeSettings({ firstRunDone: false }) });
  const user = userEvent.setup();
  renderApp(fake);
  return { fake, user };
}

describe('First run', () => {
  it('welcomes with the two database choices before the main screen', async () => {
    const { fake } = firstStart();
    const main = await screen.findByRole('main', { name: 'Welcome to Lead Enricher' });
    const local = within(main).getByRole('region', { name: 'This computer' });
    expect(local).toHaveTextContent('Works offline');
    expect(local).toHaveTextContent('Your data stays on this computer');
    expect(local).toHaveTextContent('downloads the database engine once (about 100 MB)');
    const atlas = within(main).getByRole('region', { name: 'MongoDB Atlas (or any MongoDB)' });
    expect(atlas).toHaveTextContent('Share leads with your team');
    expect(atlas).toHaveTextContent('Paste the connection string');

    // Nothing of the main screen is there, nor fetched, yet.
    expect(screen.queryByRole('textbox', { name: 'Names' })).not.toBeInTheDocument();
    expect(fake.handle['leads:list']).not.toHaveBeenCalled();
  });

  it('"Use this computer" picks the local database and opens the main screen', async () => {
    const { fake, user } = firstStart();
    await user.click(await screen.findByRole('button', { name: 'Use this computer' }));
    expect(fake.handle['settings:update']).toHaveBeenCalledWith({
      database: { mode: 'local' },
      firstRunDone: true,
    });
    expect(await screen.findByRole('textbox', { name: 'Names' })).toBeInTheDocument();
    expect(screen.queryByText('Welcome to Lead Enricher')).not.toBeInTheDocument();
  });

  it('"Use a connection string" opens the database settings; saving there ends the first run', async () => {
    const { fake, user } = firstStart();
    await user.click(await screen.findByRole('button', { name: 'Use a connection string' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const db = within(dialog).getByRole('region', { name: 'Database' });
    expect(within(db).getByRole('heading', { name: 'Database' })).toHaveFocus();
    expect(within(db).getByRole('radio', { name: /MongoDB connection string/ })).toBeChecked();

    await user.type(
      within(db).getByLabelText('Connection string'),
      'mongodb+srv://ana:pw@cluster0.example.net/leads',
    );
    await user.click(within(db).getByRole('button', { name: 'Save Database' }));
    expect(fake.handle['settings:update']).toHaveBeenCalledWith({
      database: { mode: 'uri', uri: 'mongodb+srv://ana:pw@cluster0.example.net/leads' },
      firstRunDone: true,
    });

    await user.keyboard('{Escape}');
    expect(await screen.findByRole('textbox', { name: 'Names' })).toBeInTheDocument();
  });

  it('stays on the welcome screen when the settings are closed without saving', async () => {
    const { fake, user } = firstStart();
    await user.click(await screen.findByRole('button', { name: 'Use a connection string' }));
    await screen.findByRole('dialog', { name: 'Settings' });
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Use this computer' })).toBeInTheDocument();
    expect(fake.handle['settings:update']).not.toHaveBeenCalled();
  });

  it('shows why the choice could not be saved', async () => {
    const { fake, user } = firstStart();
    fake.handle['settings:update'].mockRejectedValueOnce(
      new Error('The settings file could not be written: disk full'),
    );
    await user.click(await screen.findByRole('button', { name: 'Use this computer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The settings file could not be written: disk full',
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Use this computer' })).toBeEnabled());
  });

  it('opens the main screen when the settings cannot be read at all', async () => {
    const fake = createFakeCore();
    fake.handle['settings:get'].mockRejectedValueOnce(new Error('No handler registered for settings:get'));
    renderApp(fake);
    expect(await screen.findByRole('textbox', { name: 'Names' })).toBeInTheDocument();
  });
});
