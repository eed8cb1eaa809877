import { beforeEach, describe, expect, it, vi } from 'vitest';

const safe = vi.hoisted(() => ({
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  encryptString: vi.fn((text: string) => Buffer.from(`enc(${text})`)),
  decryptString: vi.fn((data: Buffer) => data.toString().slice(4, -1)),
}));
vi.mock('electron', () => ({ safeStorage: safe }));
vi.mock('electron-store', () => ({ default: class {} }));

const { safeStorageBox } = await import('../../src/main/settingsStore');

describe('safeStorage as the secret box', () => {
  beforeEach(() => {
    safe.isEncryptionAvailable.mockReturnValue(true);
    safe.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
  });

  it('seals with the OS keychain and reads back', () => {
    const box = safeStorageBox();
    expect(box.available).toBe(true);
    const sealed = box.encrypt('key-1234567890');
    expect(sealed).not.toContain('key-1234567890');
    expect(box.decrypt(sealed)).toBe('key-1234567890');
  });

  it('is not available when the OS offers no encryption', () => {
    safe.isEncryptionAvailable.mockReturnValue(false);
    expect(safeStorageBox().available).toBe(false);
  });

  it("does not count Linux's basic_text fallback (a fixed password) as encryption", () => {
    safe.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(safeStorageBox().available).toBe(process.platform !== 'linux');
  });
});
