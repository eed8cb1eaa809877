import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify';
import { countryName } from '../../src/core/countries';

const rules = (threshold: number, minSampleCount = 0) => ({ threshold, minSampleCount });

describe('classify', () => {
  it('is Verified at the threshold and above, To Check below', () => {
    expect(classify([{ country_id: 'IE', probability: 0.6 }], rules(0.6))?.status).toBe('Verified');
    expect(classify([{ country_id: 'IE', probability: 0.5999 }], rules(0.6))?.status).toBe('To Check');
    expect(classify([{ country_id: 'IE', probability: 0.7 }], rules(0.8))?.status).toBe('To Check');
  });

  it('keeps the most probable country with its English name, the other four, and the sample count', () => {
    const result = classify(
      [
        { country_id: 'DK', probability: 0.2 },
        { country_id: 'IN', probability: 0.45 },
        { country_id: 'de', probability: 0.1 },
        { country_id: 'US', probability: 0.15 },
        { country_id: 'FR', probability: 0.05 },
      ],
      rules(0.6),
      812,
    );
    expect(result).toEqual({
      countryCode: 'IN',
      country: 'India',
      probability: 0.45,
      status: 'To Check',
      alternatives: [
        { countryCode: 'DK', country: 'Denmark', probability: 0.2 },
        { countryCode: 'US', country: 'United States', probability: 0.15 },
        { countryCode: 'DE', country: 'Germany', probability: 0.1 },
        { countryCode: 'FR', country: 'France', probability: 0.05 },
      ],
      sampleCount: 812,
    });
  });

  it('is To Check below the minimum sample count, whatever the probability', () => {
    const sure = [{ country_id: 'IE', probability: 0.99 }];
    expect(classify(sure, rules(0.6, 10), 3)?.status).toBe('To Check');
    expect(classify(sure, rules(0.6, 10), 10)?.status).toBe('Verified');
    // The API did not say how many: the probability alone decides.
    expect(classify(sure, rules(0.6, 10), null)?.status).toBe('Verified');
  });

  it('has no classification for an empty prediction', () => {
    expect(classify([], rules(0.6))).toBeNull();
  });

  it('falls back to the code for a region Intl does not know', () => {
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('XX')).toBe('XX');
  });
});
