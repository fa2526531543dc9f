/**
 * Dollars as typed ("1,250.50", "$900") to whole cents; null when blank; NaN when it is not an
 * amount, so the form can say so before anything is sent.
 */
export function parseDollars(text: string): number | null {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Cents back to the plain text a money input shows ("1250.5" → "1250.50"). */
export const centsToDollarsText = (cents: number) =>
  cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
