// Settings → CRM as a person uses it: choose a connector, give its token (shown only masked afterwards),
// its mapping options and the sync mode, test the connection, create the fields the CRM lacks.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeCore, makeCrmSettings, makeSettings, maskFor, type FakeCore } from './fakeApi';
import { renderApp } from './render';

const TOKEN = 'pat-na1-11112222-3333-4444-5555-666677778888';

async function openCrmSettings(fake: FakeCore = createFakeCore()) {
  const user = userEvent.setup();
  renderApp(fake);
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  const section = await within(dialog).findByRole('region', { name: 'CRM sync' });
  return { fake, user, section };
}

describe('Settings → CRM', () => {
  it('connects HubSpot: the token is sent once, then only its mask is shown; Test connection says what it found', async () => {
    const fake = createFakeCore();
    fake.handle['sync:test-connection'].mockResolvedValueOnce({
      ok: true,
      message: 'Connected to HubSpot account 4242: contacts are upserted by lead_enricher_id',
      missingFields: [],
      canCreateFields: false,
    });
    const { user, section } = await openCrmSettings(fake);
    const s = within(section);

    await user.click(s.getByRole('radio', { name: /^HubSpot/ }));
    await user.type(s.getByLabelText('Private app access token'), TOKEN);
    const address = s.getByRole('textbox', { name: 'API address' });
    await user.clear(address);
    await user.type(address, 'http://127.0.0.1:4010');
    await user.click(s.getByRole('button', { name: 'Save CRM sync' }));

    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({
      crm: { mode: 'hubspot', hubspot: { baseUrl: 'http://127.0.0.1:4010', token: TOKEN } },
    });
    // Saved: the token is gone from the page, its mask is there.
    const mask = await s.findByLabelText('Saved private app access token (masked)');
    expect(mask).toHaveTextContent(maskFor(TOKEN, 'key'));
    expect(document.body.textContent).not.toContain(TOKEN);
    for (const input of document.querySelectorAll('input')) expect(input.value).not.toBe(TOKEN);

    await user.click(s.getByRole('button', { name: 'Test connection' }));
    expect(
      await s.findByText('Connected to HubSpot account 4242: contacts are upserted by lead_enricher_id'),
    ).toBeInTheDocument();
  });

  it('saves pending edits before testing, and a refused save is not tested', async () => {
    const fake = createFakeCore();
    const { user, section } = await openCrmSettings(fake);
    const s = within(section);
    await user.click(s.getByRole('radio', { name: /^Pipedrive/ }));
    await user.type(s.getByLabelText('API token'), 'pd-token-123456');
    fake.handle['settings:update'].mockRejectedValueOnce(new Error('Invalid setting crm.pipedrive.baseUrl'));
    await user.click(s.getByRole('button', { name: 'Save and test connection' }));
    expect(await s.findByText('Not tested: the settings above could not be saved.')).toBeInTheDocument();
    expect(fake.handle['sync:test-connection']).not.toHaveBeenCalled();

    await user.click(s.getByRole('button', { name: 'Save and test connection' }));
    await waitFor(() => expect(fake.handle['sync:test-connection']).toHaveBeenCalledTimes(1));
    expect(fake.handle['settings:update'].mock.calls.at(-1)![0]).toStrictEqual({
      crm: { mode: 'pipedrive', pipedrive: { apiToken: 'pd-token-123456' } },
    });
    expect(await s.findByRole('button', { name: 'Test connection' })).toBeEnabled();
  });

  it('names the fields the CRM lacks and creates them, then tests again', async () => {
    const fake = createFakeCore({
      settings: makeSettings({
        crm: makeCrmSettings({
          mode: 'pipedrive',
          pipedrive: { baseUrl: 'https://api.pipedrive.com', apiToken: { set: true, masked: '••••3456' } },
        }),
      }),
    });
    fake.handle['sync:test-connection']
      .mockResolvedValueOnce({
        ok: false,
        message: 'Connected to Pipedrive, but it has no person field "Lead Enricher ID" to hold the lead id',
        missingFields: ['Lead Enricher ID', 'Lead country code'],
        canCreateFields: true,
      })
      .mockResolvedValueOnce({
        ok: true,
        message: 'Connected to Pipedrive: persons are found by "Lead Enricher ID"',
        missingFields: [],
        canCreateFields: false,
      });
    fake.handle['sync:create-fields'].mockResolvedValueOnce({
      created: ['Lead Enricher ID', 'Lead country code'],
      message: 'Created 2 person fields: Lead Enricher ID, Lead country code',
    });
    const { user, section } = await openCrmSettings(fake);
    const s = within(section);

    await user.click(s.getByRole('button', { name: 'Test connection' }));
    expect(await s.findByText(/Missing in Pipedrive:/)).toHaveTextContent(
      'Missing in Pipedrive: Lead Enricher ID, Lead country code — "Create the fields" makes them.',
    );
    await user.click(s.getByRole('button', { name: 'Create the fields' }));
    expect(
      await s.findByText('Created 2 person fields: Lead Enricher ID, Lead country code'),
    ).toBeInTheDocument();
    expect(
      await s.findByText('Connected to Pipedrive: persons are found by "Lead Enricher ID"'),
    ).toBeInTheDocument();
    expect(s.queryByText(/Missing in Pipedrive/)).not.toBeInTheDocument();
  });

  it('Salesforce: instance URL, token, object and External Id field; its field is made in Setup, named', async () => {
    const fake = createFakeCore();
    const { user, section } = await openCrmSettings(fake);
    const s = within(section);
    await user.click(s.getByRole('radio', { name: /^Salesforce/ }));
    expect(s.queryByRole('button', { name: 'Create the fields' })).not.toBeInTheDocument();
    expect(section).toHaveTextContent(
      'in Setup → Object Manager → Lead → Fields & Relationships, make a Text field whose API name is Lead_Enricher_Id__c (Field Name Lead_Enricher_Id) and tick External ID and Unique.',
    );

    await user.type(s.getByRole('textbox', { name: 'Instance URL' }), 'https://acme.my.salesforce.com');
    await user.type(s.getByLabelText('Access token'), '00Dxx!AQ4AQ-token');
    await user.selectOptions(s.getByRole('combobox', { name: 'Object' }), 'Contact');
    const field = s.getByRole('textbox', { name: 'External Id field' });
    await user.clear(field);
    await user.type(field, 'Lead_Id__c');
    expect(section).toHaveTextContent('Object Manager → Contact');
    expect(section).toHaveTextContent('whose API name is Lead_Id__c (Field Name Lead_Id)');

    await user.click(s.getByRole('button', { name: 'Save CRM sync' }));
    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({
      crm: {
        mode: 'salesforce',
        salesforce: {
          instanceUrl: 'https://acme.my.salesforce.com',
          accessToken: '00Dxx!AQ4AQ-token',
          object: 'Contact',
          externalIdField: 'Lead_Id__c',
        },
      },
    });
  });

  it('sets the sync mode to reviewed and keeps values already in the CRM off', async () => {
    const fake = createFakeCore({ settings: makeSettings({ crm: makeCrmSettings({ mode: 'hubspot' }) }) });
    const { user, section } = await openCrmSettings(fake);
    const s = within(section);
    expect(s.getByRole('radio', { name: /^Automatic/ })).toBeChecked();
    await user.click(s.getByRole('radio', { name: /^Reviewed/ }));
    const keep = s.getByRole('checkbox', { name: /Do not overwrite a value already set in the CRM/ });
    expect(keep).toBeChecked();
    await user.click(keep);
    await user.click(s.getByRole('button', { name: 'Save CRM sync' }));
    expect(fake.handle['settings:update'].mock.calls[0]![0]).toStrictEqual({
      sync: { mode: 'reviewed' },
      crm: { keepExistingValues: false },
    });
    await waitFor(() => expect(fake.settings.sync.mode).toBe('reviewed'));
    expect(s.getByRole('radio', { name: /^Reviewed/ })).toBeChecked();
  });

  it('simulated has no credentials to give; its test says nothing leaves the computer', async () => {
    const fake = createFakeCore();
    const { user, section } = await openCrmSettings(fake);
    const s = within(section);
    expect(s.getByRole('radio', { name: /^Simulated/ })).toBeChecked();
    expect(section).toHaveTextContent('Nothing leaves this computer');
    expect(s.queryByLabelText(/token/i)).not.toBeInTheDocument();
    await user.click(s.getByRole('button', { name: 'Test connection' }));
    expect(await s.findByText('Simulated: no CRM to connect to')).toBeInTheDocument();
  });
});
