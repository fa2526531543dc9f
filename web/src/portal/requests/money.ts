/** Whole cents of an ISO 4217 currency as people read them ("EUR 1,234.50"). */
export const formatMoney = (cents: number, currency: string) =>
  `${currency} ${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
