import { describe, expect, it } from 'vitest';
import { expiryMarker, maskNumber } from '../../web/src/features/travel/travelLabels.ts';

/** How the traveler page words a document's expiry and shows its number. */

describe('expiryMarker', () => {
  it('counts the days left, singular and plural, and says today on the day', () => {
    expect(expiryMarker(42)?.label).toBe('Expires in 42 days');
    expect(expiryMarker(1)?.label).toBe('Expires in 1 day');
    expect(expiryMarker(0)?.label).toBe('Expires today');
  });

  it('says expired once the date has passed', () => {
    expect(expiryMarker(-1)).toEqual({ label: 'Expired', className: 'badge badge--danger' });
    expect(expiryMarker(-400)?.label).toBe('Expired');
  });

  it('warns within six months and stays calm beyond', () => {
    expect(expiryMarker(179)?.className).toBe('badge badge--danger');
    expect(expiryMarker(180)?.className).toBe('badge');
  });

  it('has nothing to say without an expiry date', () => {
    expect(expiryMarker(null)).toBeNull();
    expect(expiryMarker(undefined)).toBeNull();
  });
});

describe('maskNumber', () => {
  it('keeps the last 4 characters only', () => {
    expect(maskNumber('P12345678')).toBe('•••• 5678');
    expect(maskNumber(' X9Z7 ')).toBe('•••• X9Z7');
    expect(maskNumber('AB1')).toBe('•••• AB1');
  });
});
