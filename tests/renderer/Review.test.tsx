import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/api';
import { Root } from '../../src/renderer/src/Root';
import { createQueryClient } from '../../src/renderer/src/api/queryClient';
import type { Files } from '../../src/renderer/src/api/files';
import { createFakeCore, makeLead, type FakeCore } from './fakeApi';
import { fullText } from './text';

const SHEET = [
  'Name\tCompany\tEmail',
  'Maria Garcia\tAcme\tmaria@acme.com',
  'jane.doe@initech.com\tInitech\tjane.doe@initech.com',
  'Zoe Quinn\tGlobex\tzoe@globex.com',
].join('\n');

function setup(fake: FakeCore = createFakeCore(), files?: Files) {
  const user = userEvent.setup();
  render(<Root api={fake.api} client={createQueryClient()} files={files} />);
  return { fake, user };
}

async function paste(user: ReturnType<typeof userEvent.setup>, text: string) {
  const box = await screen.findByRole('textbox', { name: 'Names' });
  await user.click(box);
  await user.paste(text);
}

describe('Smart paste: the name column', () => {
  it('shows the columns of a spreadsheet paste with the guessed name column, and sends the one chosen', async () => {
    const { fake, user } = setup();
    await paste(user, SHEET);
    const column = await screen.findByRole('combobox', { name: 'Names from' });
    expect(column).toHaveValue('0');
    expect(
      within(column)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Name (Maria Garcia)', 'Company (Acme)', 'Email (maria@acme.com)']);
    expect(screen.getByText(/Read as a table: 3 columns, header row, 3 rows/)).toBeInTheDocument();

    await user.selectOptions(column, '1');
    expect(await screen.findByText(/3 names detected/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const review = await screen.findByRole('dialog', { name: 'Review the paste' });
    await waitFor(() =>
      expect(fake.handle['enrich:review']).toHaveBeenLastCalledWith({ text: SHEET, column: 1 }),
    );
    await user.click(await within(review).findByRole('button', { name: 'Enrich 3 names' }));
    await waitFor(() => expect(fake.handle['enrich:start']).toHaveBeenCalledWith({ text: SHEET, column: 1 }));
  });
});

describe('Review before paying', () => {
  it('lists refused entries with their reason; a correction goes into the run in place of the entry', async () => {
    const fake = createFakeCore({ leads: [makeLead({ name: 'Maria Garcia' })] });
    const { user } = setup(fake);
    await paste(user, SHEET);
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const review = await screen.findByRole('dialog', { name: 'Review the paste' });

    expect(await within(review).findByText(/names? to ask/)).toHaveTextContent(/^1 name to ask/);
    expect(
      within(review)
        .getByText(/already known/)
        .closest('li'),
    ).toHaveTextContent('1 already known · no cost');
    const row = within(review).getByRole('row', { name: /jane\.doe@initech\.com/ });
    expect(row).toHaveTextContent(/email address/i);

    // A correction that is not a name says why and is not counted.
    const input = within(row).getByRole('textbox', { name: 'Correct jane.doe@initech.com' });
    await user.type(input, 'N/A');
    expect(input).toBeInvalid();
    expect(within(review).getByRole('button', { name: 'Enrich 1 name' })).toBeEnabled();

    await user.clear(input);
    await user.click(within(row).getByRole('button', { name: /^Use Jane Doe/ }));
    expect(input).toHaveValue('Jane Doe');
    await user.click(within(review).getByRole('button', { name: 'Enrich 2 names' }));

    await waitFor(() => expect(fake.handle['enrich:start']).toHaveBeenCalledTimes(1));
    const sent = fake.handle['enrich:start'].mock.calls[0]![0];
    expect(sent.text.split('\n')[2]).toBe('Jane Doe\tInitech\tjane.doe@initech.com');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('drops a refused entry from the run, and Cancel starts nothing', async () => {
    const { fake, user } = setup();
    await paste(user, 'Alice Martin\nN/A\nBob Stone');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    let review = await screen.findByRole('dialog', { name: 'Review the paste' });
    await user.click(await within(review).findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fake.handle['enrich:start']).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    review = await screen.findByRole('dialog', { name: 'Review the paste' });
    await user.click(await within(review).findByRole('button', { name: 'Drop N/A' }));
    expect(within(review).getByRole('row', { name: /N\/A/ })).toHaveTextContent('Dropped');
    await user.click(within(review).getByRole('button', { name: 'Enrich 2 names' }));
    await waitFor(() =>
      expect(fake.handle['enrich:start']).toHaveBeenCalledWith({ text: 'Alice Martin\n\nBob Stone' }),
    );
  });

  it('enriches plain names at once, without a review', async () => {
    const { fake, user } = setup();
    await paste(user, 'Alice Martin\nBob Stone');
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await waitFor(() => expect(fake.handle['enrich:start']).toHaveBeenCalled());
    expect(fake.handle['enrich:review']).not.toHaveBeenCalled();
  });

  it('reviews a chosen file from its path, then enriches the file with the column chosen', async () => {
    const fake = createFakeCore();
    fake.files.set('/lists/event.csv', 'Company\tContact\nAcme\tAda Lovelace\nGlobex\tAlan Turing');
    const files: Files = {
      pick: async () => ({ path: '/lists/event.csv', name: 'event.csv' }),
      receive: async (file) => ({ path: `/drop/${file.name}`, name: file.name }),
    };
    const { user } = setup(fake, files);
    await screen.findByRole('textbox', { name: 'Names' });
    await user.click(screen.getByRole('button', { name: 'Open a file…' }));
    await screen.findByRole('button', { name: 'Remove file' });
    expect(screen.getByText('event.csv')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enrich' }));

    const review = await screen.findByRole('dialog', { name: 'Review event.csv' });
    expect(await within(review).findByRole('combobox', { name: 'Names from' })).toHaveValue('1');
    await user.click(within(review).getByRole('button', { name: 'Enrich 2 names' }));
    await waitFor(() =>
      expect(fake.handle['enrich:file']).toHaveBeenCalledWith({ path: '/lists/event.csv' }),
    );
    act(() => fake.finishRun({ enriched: 2 }));
    // The file is done with: the paste area is back.
    expect(await screen.findByRole('textbox', { name: 'Names' })).toBeInTheDocument();
  });
});

describe('Files in', () => {
  it('takes a dropped file, and shows the rows read while the review reads it', async () => {
    const fake = createFakeCore();
    let release: (() => void) | null = null;
    const review = fake.handle['enrich:review'].getMockImplementation()!;
    fake.handle['enrich:review'].mockImplementationOnce(async (request) => {
      await new Promise<void>((resolve) => (release = resolve));
      return review(request);
    });
    fake.files.set('/drop/list.csv', 'Name\nAda Lovelace');
    const receive = vi.fn(async (file: File) => ({ path: `/drop/${file.name}`, name: file.name }));
    const { user } = setup(fake, { receive });
    const box = await screen.findByRole('textbox', { name: 'Names' });
    const file = new File(['Name\nAda Lovelace'], 'list.csv', { type: 'text/csv' });
    fireEvent.drop(box, { dataTransfer: { files: [file], types: ['Files'] } });
    // "Opening list.csv…", then the file in place of the paste box.
    await screen.findByRole('button', { name: 'Remove file' });
    expect(screen.getByText('list.csv')).toBeInTheDocument();
    expect(receive).toHaveBeenCalledExactlyOnceWith(file);

    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review list.csv' });
    act(() => fake.emit('import:progress', { rows: 2000, bytes: 50, totalBytes: 100 }));
    expect(
      await within(dialog).findByText(fullText('Reading list.csv: 2,000 rows (50 %)')),
    ).toBeInTheDocument();
    act(() => release!());
    expect(await within(dialog).findByRole('button', { name: 'Enrich 1 name' })).toBeEnabled();
  });

  it('takes a file dropped anywhere on the window, instead of the page being replaced by it', async () => {
    const receive = vi.fn(async (file: File) => ({ path: `/drop/${file.name}`, name: file.name }));
    setup(createFakeCore(), { receive });
    const table = await screen.findByText('No leads yet. Paste names and press Enrich.');
    const file = new File(['Name\nAda Lovelace'], 'list.xlsx');
    const dropped = fireEvent.drop(table, { dataTransfer: { files: [file], types: ['Files'] } });
    expect(dropped).toBe(false); // the default (opening the file) is prevented
    await screen.findByRole('button', { name: 'Remove file' });
    expect(receive).toHaveBeenCalledExactlyOnceWith(file);
  });

  it('says why a file could not be taken', async () => {
    const receive = vi.fn(async () => {
      throw new ApiError('invalid_request', 'Choose a CSV, TSV or Excel (.xlsx) file, not “notes.pdf”');
    });
    setup(createFakeCore(), { receive });
    const box = await screen.findByRole('textbox', { name: 'Names' });
    fireEvent.drop(box, {
      dataTransfer: { files: [new File(['%PDF'], 'notes.pdf')], types: ['Files'] },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('not “notes.pdf”');
    expect(screen.getByRole('textbox', { name: 'Names' })).toBeInTheDocument();
  });
});
