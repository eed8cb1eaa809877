// A stand-in for Electron's safeStorage (which needs the Electron binary): reversible, and never the clear text.
import type { SecretBox } from '../../src/core/settings/secrets';

export function fakeSafeStorage(available = true): SecretBox {
  return {
    available,
    encrypt: (text) => Buffer.from(`sealed:${[...text].reverse().join('')}`).toString('base64'),
    decrypt: (data) => {
      const text = Buffer.from(data, 'base64').toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed by this box');
      return [...text.slice('sealed:'.length)].reverse().join('');
    },
  };
}
