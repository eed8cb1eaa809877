import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeCore, makeCrmSettings, makeSettings, maskFor, statusWith, type FakeCore } from './fakeApi';
import { renderApp } from './render';

const SAVED_URI = 'mongodb+srv://sales:Hunter2-secret@cluster0.example.net/leads';
const SAVED_KEY = 'nat-0f1e2d3c4b5a9f3a';
const SAVED_WEBHOOK_SECRET = 'whsec-abcdefgh1234';

/** Settings with every secret saved: the renderer only ever gets their masks. */
function withSecrets() {
  return makeSettings({
    database: { mode: 'uri', uri: { set: true, masked: maskFor(SAVED_URI, 'uri') }, name: 'leads' },
    nationalize: {
      baseUrl: 'https://api.nationalize.io',
      apiKey: { set: true, masked: maskFor(SAVED_KEY, 'key') },
      concurrency: 4,
      reuseAnswersDays: 30,
      minSampleCount: 0,
      gender: false,
      age: false,
    },
    crm: makeCrmSettings({
      mode: 'webhook',
      webhookUrl: 'https://crm.example.com/hooks/leads',
      webhookSecret: { set: true, masked: maskFor(SAVED_WEBHOOK_SECRET, 'key') },
    }),
  });
}

async function openSettings(fake: FakeCore = createFakeCore()) {
  const user = userEvent.setup();
  renderApp(fake);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  await within(dialog).findByRole('region', { name: 'Database' });
  return { fake, user, dialog };
}

const region = (name: string) => screen.getByRole('region', { name });

describe('Settings', () => {
  it('opens from the header and with Ctrl+, and closes with Esc', async () => {
    const fake = createFakeCore();
    const user = userEvent.setup();
    renderApp(fake);
    const button = await screen.findByRole('button', { name: 'Settings' });

    await user.keyboard('{Control>},{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    for (const name of ['Database', 'nationalize.io', 'Enrichment', 'CRM sync', 'Secret storage']) {
      expect(within(dialog).getByRole('region', { name })).toBeInTheDocument();
    }
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('shows saved secrets masked, and never one in clear', async () => {
    const { dialog } = await openSettings(createFakeCore({ settings: withSecrets() }));

    expect(within(region('Database')).getByLabelText('Saved connection string (masked)')).toHaveTextContent(
      'mongodb+srv://sales:****@cluster0.example.net/leads',
    );
    expect(within(region('nationalize.io')).getByLabelText('Saved API key (masked)')).toHaveTextContent(
      '••••9f3a',
    );
    expect(within(region('CRM sync')).getByLabelText('Saved webhook secret (masked)')).toHaveTextContent(
      '••••1234',
    );
    for (const secret of ['Hunter2-secret', SAVED_KEY, SAVED_WEBHOOK_SECRET]) {
      expect(document.body.innerHTML).not.toContain(secret);
    }
    // A new secret is typed into a password field, which does not show it either.
    await userEvent
      .setup()
      .click(within(region('nationalize.io')).getByRole('button', { name: 'Replace API key' }));
    expect(within(dialog).getByLabelText('API key')).toHaveAttribute('type', 'password');
    expect(within(dialog).getByLabelText('API key')).toHaveValue('');
  });

  it('saves only the changed database fields: an empty secret field keeps the saved one', async () => {
    const settings = withSecrets();
    // A connection string that names no database: the Database name is the one used.
    const uri = { set: true, masked: 'mongodb+srv://sales:****@cluster0.example.net' };
    const { fake, user } = await openSettings(
      createFakeCore({ settings: { ...settings, database: { ...settings.database, uri } } }),
    );
    const db = region('Database');
    const save = within(db).getByRole('button', { name: 'Save Database' });
    expect(save).toBeDisabled();

    await user.click(within(db).getByRole('button', { name: 'Replace connection string' }));
    const name = within(db).getByRole('textbox', { name: 'Database name' });
    await user.clear(name);
    await user.type(name, 'team_leads');
    await user.click(save);

    expect(fake.handle['settings:update']).toHaveBeenCalledTimes(1);
    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({
      database: { name: 'team_leads' },
    });
    await waitFor(() => expect(name).toHaveValue('team_leads'));
    expect(within(db).getByLabelText('Saved connection string (masked)')).toBeInTheDocument();
  });

  it('sends a new connection string in clear once, then shows only its mask', async () => {
    const { fake, user } = await openSettings();
    const db = region('Database');
    await user.click(within(db).getByRole('radio', { name: /MongoDB connection string/ }));
    const field = within(db).getByLabelText('Connection string');
    expect(field).toHaveAttribute('type', 'password');
    expect(field).toHaveAttribute('placeholder', 'mongodb+srv://user:password@cluster0.example.net/leads');

    await user.type(field, 'mongodb+srv://ana:pa55word@cluster0.example.net/leads');
    await user.click(within(db).getByRole('button', { name: 'Save Database' }));

    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({
      database: { mode: 'uri', uri: 'mongodb+srv://ana:pa55word@cluster0.example.net/leads' },
    });
    expect(await within(db).findByLabelText('Saved connection string (masked)')).toHaveTextContent(
      'mongodb+srv://ana:****@cluster0.example.net/leads',
    );
    expect(document.body.innerHTML).not.toContain('pa55word');
  });

  it('Remove sends null for the secret', async () => {
    const settings = withSecrets();
    const { fake, user } = await openSettings(
      createFakeCore({ settings: { ...settings, database: { ...settings.database, mode: 'local' } } }),
    );
    const db = region('Database');
    await user.click(within(db).getByRole('radio', { name: /MongoDB connection string/ }));
    await user.click(within(db).getByRole('button', { name: 'Remove connection string' }));
    expect(db).toHaveTextContent('The saved connection string will be removed when you save.');
    await user.click(within(db).getByRole('radio', { name: /This computer/ }));
    await user.click(within(db).getByRole('button', { name: 'Save Database' }));

    // Back on "This computer", the hidden field still counts: its removal is sent.
    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({ database: { uri: null } });
    await waitFor(() => expect(fake.settings.database.uri.set).toBe(false));
  });

  it('refuses a connection string choice without a connection string', async () => {
    const { fake, user } = await openSettings();
    const db = region('Database');
    await user.click(within(db).getByRole('radio', { name: /MongoDB connection string/ }));
    await user.click(within(db).getByRole('button', { name: 'Save Database' }));
    expect(within(db).getByRole('alert')).toHaveTextContent('Paste a connection string to use one');
    expect(fake.handle['settings:update']).not.toHaveBeenCalled();
  });

  it('tests the typed connection string and shows the error that says what to do', async () => {
    const fake = createFakeCore({ settings: withSecrets() });
    fake.handle['settings:test-database'].mockResolvedValueOnce({
      ok: false,
      message: 'Authentication failed: check the user name and password in the connection string',
    });
    const { user } = await openSettings(fake);
    const db = region('Database');

    await user.click(within(db).getByRole('button', { name: 'Replace connection string' }));
    await user.type(
      within(db).getByLabelText('Connection string'),
      'mongodb+srv://ana:wrong@cluster0.example.net',
    );
    await user.click(within(db).getByRole('button', { name: 'Test connection' }));

    expect(fake.handle['settings:test-database']).toHaveBeenCalledWith({
      uri: 'mongodb+srv://ana:wrong@cluster0.example.net',
    });
    expect(
      await within(db).findByText(
        'Authentication failed: check the user name and password in the connection string',
      ),
    ).toHaveClass('error-text');
  });

  it('tests the saved connection string when nothing is typed', async () => {
    const { fake, user } = await openSettings(createFakeCore({ settings: withSecrets() }));
    const db = region('Database');
    await user.click(within(db).getByRole('button', { name: 'Test connection' }));
    expect(fake.handle['settings:test-database']).toHaveBeenCalledWith({});
    expect(await within(db).findByText('Connected to cluster0.example.net')).toHaveClass('ok-text');
  });

  it('shows the live database state, which changes after a switch', async () => {
    const { fake } = await openSettings();
    const db = region('Database');
    expect(db).toHaveTextContent('Now: Connected · this computer');
    act(() =>
      fake.emitStatus(statusWith({ state: 'connecting', mode: 'uri', target: 'cluster0.example.net' })),
    );
    await waitFor(() => expect(db).toHaveTextContent('Now: Connecting to cluster0.example.net…'));
  });

  it('shows the validation error the core gives, next to the section', async () => {
    const { fake, user } = await openSettings();
    const section = region('Enrichment');
    const concurrency = within(section).getByRole('spinbutton', { name: 'Request concurrency' });
    await user.clear(concurrency);
    await user.type(concurrency, '64');
    await user.click(within(section).getByRole('button', { name: 'Save Enrichment' }));

    expect(fake.handle['settings:update']).toHaveBeenCalledWith({ nationalize: { concurrency: 64 } });
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'Invalid setting nationalize.concurrency: must be a whole number from 1 to 32',
    );
    expect(concurrency).toHaveValue(64);
  });

  it('takes the threshold as a percentage: 70 is 70 %, saved as 0.7', async () => {
    const { fake, user } = await openSettings();
    const section = region('Enrichment');
    const threshold = within(section).getByRole('spinbutton', { name: 'Verified threshold' });
    expect(threshold).toHaveValue(60);
    expect(threshold).toHaveAccessibleDescription(/^% A lead is Verified .* at least 60 %/);
    await user.clear(threshold);
    await user.type(threshold, '70');
    expect(threshold).toHaveAccessibleDescription(/at least 70 %/);
    expect(section).not.toHaveTextContent('7000');
    await user.click(within(section).getByRole('button', { name: 'Save Enrichment' }));
    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({ verifiedThreshold: 0.7 });
    expect(await within(section).findByText('Saved')).toBeInTheDocument();
    expect(threshold).toHaveValue(70);

    await user.clear(threshold);
    await user.type(threshold, '75.5');
    expect(within(section).queryByText('Saved')).not.toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Save Enrichment' }));
    expect(fake.handle['settings:update'].mock.calls[1]![0]).toStrictEqual({ verifiedThreshold: 0.755 });
  });

  it('says what a threshold outside 0 to 100 should be, and sends nothing', async () => {
    const { fake, user } = await openSettings();
    const section = region('Enrichment');
    const threshold = within(section).getByRole('spinbutton', { name: 'Verified threshold' });
    await user.clear(threshold);
    await user.type(threshold, '7000');
    await user.click(within(section).getByRole('button', { name: 'Save Enrichment' }));
    expect(within(section).getByRole('alert')).toHaveTextContent(
      'Verified threshold: enter a percentage from 0 to 100',
    );
    expect(fake.handle['settings:update']).not.toHaveBeenCalled();
  });

  it('asks before closing over edits that are not saved', async () => {
    const { fake, user, dialog } = await openSettings();
    const section = region('Enrichment');
    const concurrency = within(section).getByRole('spinbutton', { name: 'Request concurrency' });
    await user.clear(concurrency);
    await user.type(concurrency, '8');

    await user.keyboard('{Escape}');
    const ask = within(dialog).getByRole('alertdialog', { name: 'Discard your changes?' });
    expect(ask).toHaveTextContent('Enrichment: this section has edits that are not saved.');
    expect(within(ask).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeInTheDocument();
    expect(concurrency).toHaveValue(8);

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(within(dialog).getByRole('button', { name: 'Discard changes' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fake.handle['settings:update']).not.toHaveBeenCalled();

    // Opened again: the saved value, and nothing to ask about.
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const again = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(again).getByRole('spinbutton', { name: 'Request concurrency' })).toHaveValue(4);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('closes without asking once the edits are saved, and says "Saved"', async () => {
    const { user, dialog } = await openSettings();
    const section = region('Enrichment');
    const concurrency = within(section).getByRole('spinbutton', { name: 'Request concurrency' });
    await user.clear(concurrency);
    await user.type(concurrency, '8');
    await user.click(within(section).getByRole('button', { name: 'Save Enrichment' }));
    expect(await within(section).findByRole('status')).toHaveTextContent('Saved');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows the database a connection string names instead of a name it would override', async () => {
    const { user } = await openSettings(createFakeCore({ settings: withSecrets() }));
    const db = region('Database');
    expect(within(db).queryByRole('textbox', { name: 'Database name' })).not.toBeInTheDocument();
    expect(db).toHaveTextContent('The connection string names the database leads');

    // A connection string without a database: the name is used, and the field says so.
    await user.click(within(db).getByRole('button', { name: 'Replace connection string' }));
    await user.type(
      within(db).getByLabelText('Connection string'),
      'mongodb+srv://ana:pw@cluster0.example.net/',
    );
    expect(within(db).getByRole('textbox', { name: 'Database name' })).toHaveValue('leads');
    expect(db).toHaveTextContent('Used because the connection string names no database');
    await user.type(within(db).getByLabelText('Connection string'), 'team?retryWrites=true');
    expect(db).toHaveTextContent('The connection string names the database team');
  });

  it('disables Save while saving', async () => {
    const fake = createFakeCore();
    let finish: () => void = () => {};
    const masked = { set: true, masked: '••••5678' };
    fake.handle['settings:update'].mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          finish = () =>
            resolve({ ...fake.settings, nationalize: { ...fake.settings.nationalize, apiKey: masked } });
        }),
    );
    const { user } = await openSettings(fake);
    const section = region('nationalize.io');
    await user.type(within(section).getByLabelText('API key'), 'nat-new-key-5678');
    await user.click(within(section).getByRole('button', { name: 'Save nationalize.io' }));
    expect(within(section).getByRole('button', { name: 'Saving nationalize.io…' })).toBeDisabled();
    await act(async () => finish());
    expect(fake.handle['settings:update']).toHaveBeenCalledWith({
      nationalize: { apiKey: 'nat-new-key-5678' },
    });
    expect(within(section).getByLabelText('Saved API key (masked)')).toHaveTextContent('••••5678');
    expect(within(section).getByRole('button', { name: 'Save nationalize.io' })).toBeDisabled();
  });

  it('tests an API key and shows the quota', async () => {
    const fake = createFakeCore();
    const resetsAt = new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString();
    fake.handle['settings:test-api-key'].mockResolvedValueOnce({
      ok: true,
      message: 'The API key works',
      quota: { limit: 2500, remaining: 2400, resetsAt },
    });
    const { user } = await openSettings(fake);
    const section = region('nationalize.io');
    await user.type(within(section).getByLabelText('API key'), 'nat-typed-key-1111');
    await user.click(within(section).getByRole('button', { name: 'Test API key' }));

    expect(fake.handle['settings:test-api-key']).toHaveBeenCalledWith({ apiKey: 'nat-typed-key-1111' });
    expect(await within(section).findByText('The API key works')).toHaveClass('ok-text');
    expect(section).toHaveTextContent('Quota left: 2,400 of 2,500 (resets in 3 h)');
  });

  it('saves the CRM sync section and sends a test delivery', async () => {
    const { fake, user } = await openSettings(createFakeCore({ settings: withSecrets() }));
    const section = region('CRM sync');
    await user.click(within(section).getByRole('switch', { name: 'Background sync' }));
    const url = within(section).getByRole('textbox', { name: 'Webhook URL' });
    await user.clear(url);
    await user.type(url, 'https://crm.example.com/hooks/v2');
    await user.click(within(section).getByRole('button', { name: 'Send test delivery' }));
    expect(fake.handle['settings:test-webhook']).toHaveBeenCalledWith({
      url: 'https://crm.example.com/hooks/v2',
    });
    expect(await within(section).findByText(/accepted the test delivery/)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Save CRM sync' }));
    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({
      sync: { enabled: false },
      crm: { webhookUrl: 'https://crm.example.com/hooks/v2' },
    });
  });

  it('asks consent for unencrypted secrets only when there is no encrypted storage', async () => {
    const { fake, user } = await openSettings(
      createFakeCore({ settings: makeSettings({ secretStorage: 'needs_consent' }) }),
    );
    const section = region('Secret storage');
    expect(section).toHaveTextContent(
      "This computer offers no encrypted storage for secrets. Secrets (connection string password, API key, webhook secret) would be stored unencrypted in the app's settings file.",
    );
    await user.click(within(section).getByRole('checkbox', { name: 'Store them unencrypted' }));
    expect(fake.handle['settings:update']).toHaveBeenCalledWith({ allowPlaintextSecrets: true });

    // Consent given: a warning remains, with a way to withdraw it, and no checkbox.
    expect(
      await within(section).findByRole('button', { name: 'Stop storing them unencrypted' }),
    ).toBeInTheDocument();
    expect(section).toHaveTextContent('Secrets are stored unencrypted');
    // Nobody may have been asked (the browser demo starts this way): it claims no agreement.
    expect(section).not.toHaveTextContent('as you agreed');
    expect(within(section).queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('only notes the keychain when secrets are encrypted', async () => {
    await openSettings();
    const section = region('Secret storage');
    expect(section).toHaveTextContent("Secrets are encrypted by your operating system's keychain");
    expect(within(section).queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('shows reset settings as a warning that can be dismissed', async () => {
    const problems = ['Invalid setting sync.schedule "every day" was reset to every 5 minutes'];
    const fake = createFakeCore({ settings: makeSettings({ problems }) });
    const user = userEvent.setup();
    renderApp(fake);
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(problems[0]!);

    await user.click(within(banner).getByRole('button', { name: 'Open settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const warning = within(dialog).getAllByRole('alert')[0]!;
    expect(warning).toHaveTextContent(problems[0]!);
    await user.click(within(warning).getByRole('button', { name: 'Dismiss' }));
    expect(within(dialog).queryByText(problems[0]!)).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('follows pushed settings', async () => {
    const { fake } = await openSettings();
    act(() =>
      fake.emitSettings(
        makeSettings({
          nationalize: { ...fake.settings.nationalize, apiKey: { set: true, masked: '••••beef' } },
        }),
      ),
    );
    expect(await within(region('nationalize.io')).findByText('••••beef')).toHaveAccessibleName(
      'Saved API key (masked)',
    );
  });
});

describe('When the database connects', () => {
  it('fetches the leads and failed names again from it', async () => {
    const fake = createFakeCore();
    renderApp(fake);
    await screen.findByRole('button', { name: 'Enrich' });
    await waitFor(() => expect(fake.handle['leads:list']).toHaveBeenCalled());
    const leadsBefore = fake.handle['leads:list'].mock.calls.length;
    const failuresBefore = fake.handle['failures:list'].mock.calls.length;

    act(() =>
      fake.emitStatus(statusWith({ state: 'error', message: 'Nothing answered', target: '127.0.0.1:9' })),
    );
    expect(fake.handle['leads:list'].mock.calls.length).toBe(leadsBefore);
    act(() =>
      fake.emitStatus(statusWith({ state: 'connected', message: null, target: 'cluster0.example.net' })),
    );
    await waitFor(() => expect(fake.handle['leads:list'].mock.calls.length).toBeGreaterThan(leadsBefore));
    expect(fake.handle['failures:list'].mock.calls.length).toBeGreaterThan(failuresBefore);
  });
});
