import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify';
import { countryName } from '../../src/core/countries';

describe('classify', () => {
  it('is Verified at the threshold and above, To Check below', () => {
    expect(classify([{ country_id: 'IE', probability: 0.6 }], 0.6)?.status).toBe('Verified');
    expect(classify([{ country_id: 'IE', probability: 0.5999 }], 0.6)?.status).toBe('To Check');
    expect(classify([{ country_id: 'IE', probability: 0.7 }], 0.8)?.status).toBe('To Check');
  });

  it('keeps the most probable country with its English name and the next two as alternatives', () => {
    const result = classify(
      [
        { country_id: 'DK', probability: 0.2 },
        { country_id: 'IN', probability: 0.45 },
        { country_id: 'de', probability: 0.1 },
        { country_id: 'US', probability: 0.15 },
      ],
      0.6,
    );
    expect(result).toEqual({
      countryCode: 'IN',
      country: 'India',
      probability: 0.45,
      status: 'To Check',
      alternatives: [
        { countryCode: 'DK', country: 'Denmark', probability: 0.2 },
        { countryCode: 'US', country: 'United States', probability: 0.15 },
      ],
    });
  });

  it('has no classification for an empty prediction', () => {
    expect(classify([], 0.6)).toBeNull();
  });

  it('falls back to the code for a region Intl does not know', () => {
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('XX')).toBe('XX');
  });
});
