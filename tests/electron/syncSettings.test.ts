import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/core/config';
import { syncChange, withSavedSync } from '../../src/main/syncSettings';

vi.mock('electron-store', () => ({ default: class {} }));

describe('saved sync settings', () => {
  const config = loadConfig({});

  it('applies the on/off and schedule the person saved', () => {
    const applied = withSavedSync(config, { enabled: false, schedule: '*/15 9-18 * * 1-5' });
    expect(applied.sync).toMatchObject({
      enabled: false,
      schedule: '*/15 9-18 * * 1-5',
      crm: { mode: 'simulated' },
    });
  });

  it('ignores a broken saved value and keeps the defaults', () => {
    expect(withSavedSync(config, { enabled: 'yes', schedule: 5 }).sync.schedule).toBe('5');
    expect(withSavedSync(config, { enabled: true, schedule: 'whenever' }).sync.schedule).toBe('5');
    expect(withSavedSync(config, undefined)).toBe(config);
  });

  it('saves only when the panel changed something', () => {
    expect(syncChange({ enabled: true, schedule: '5' }, { enabled: true, schedule: '5' })).toBeNull();
    expect(syncChange({ enabled: true, schedule: '5' }, { enabled: false, schedule: '5' })).toEqual({
      enabled: false,
      schedule: '5',
    });
    expect(syncChange(undefined, { enabled: true, schedule: '10' })).toEqual({
      enabled: true,
      schedule: '10',
    });
  });
});
