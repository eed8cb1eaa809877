import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '@shared/contract';
import { withSaveDialog } from '../../src/main/saveDialog';

function setup(answer: string | null) {
  const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => ({ ok: true, data: { rows: 3 } }));
  const ask = vi.fn(async () => answer);
  return { dispatch, ask, call: withSaveDialog(dispatch, ask) };
}

describe('withSaveDialog', () => {
  it('asks where to save an export and hands the core that path', async () => {
    const { dispatch, ask, call } = setup('/home/sales/Documents/leads.xlsx');
    const result = await call('leads:export', { format: 'xlsx', filter: { status: 'Verified' } });
    expect(ask).toHaveBeenCalledWith({
      defaultName: expect.stringMatching(/^leads-\d{4}-\d\d-\d\d\.xlsx$/),
      format: 'xlsx',
    });
    expect(dispatch).toHaveBeenCalledWith('leads:export', {
      format: 'xlsx',
      filter: { status: 'Verified' },
      path: '/home/sales/Documents/leads.xlsx',
    });
    expect(result).toEqual({ ok: true, data: { rows: 3 } });
  });

  it('writes nothing when the person cancels the dialog', async () => {
    const { dispatch, call } = setup(null);
    expect(await call('failures:export', { format: 'csv' })).toEqual({
      ok: true,
      data: { format: 'csv', rows: 0, path: null, cancelled: true },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a path named by the page, and leaves other operations alone', async () => {
    const { dispatch, ask, call } = setup('/x.csv');
    const refused = await call('leads:export', { format: 'csv', path: '/etc/passwd' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ask).not.toHaveBeenCalled();
    await call('leads:list', { pageSize: 5 });
    expect(dispatch).toHaveBeenCalledWith('leads:list', { pageSize: 5 });
  });
});
