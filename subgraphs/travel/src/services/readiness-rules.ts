/**
 * The rules ready-to-travel and the passport alerts check against, kept as data: how long beyond
 * the return date a passport must stay valid to enter a country, and how many days before
 * departure each kind of supplier wants the balance. TT-API holds neither: destinations carry only
 * their country and whether a visa is needed.
 */
import type { SupplierType } from '../tt-api/contract.ts';

export interface EntryRule {
  /** Stable name of the rule, e.g. `schengen`. */
  id: string;
  /** What an advisor reads beside the passport item. */
  label: string;
  /** Whole months the passport must stay valid after the return date (0: through the stay). */
  passportMonthsBeyondReturn: number;
  /**
   * Countries whose visas count for one another (a visa of any Schengen state covers the area).
   * Empty: only a visa issued for the destination country itself.
   */
  visaArea: readonly string[];
}

/** The Schengen area: a passport valid three months beyond leaving it, one visa for all. */
export const SCHENGEN = [
  'AT',
  'BE',
  'BG',
  'CH',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

/** Countries with a rule of their own; every other country gets DEFAULT_ENTRY_RULE. */
export const ENTRY_RULES: readonly (EntryRule & { countries: readonly string[] })[] = [
  {
    id: 'schengen',
    label: 'Schengen area: valid 3 months beyond the return date',
    passportMonthsBeyondReturn: 3,
    countries: SCHENGEN,
    visaArea: SCHENGEN,
  },
  {
    id: 'new-zealand',
    label: 'New Zealand: valid 3 months beyond the return date',
    passportMonthsBeyondReturn: 3,
    countries: ['NZ'],
    visaArea: [],
  },
  {
    id: 'duration-of-stay',
    label: 'Valid for the whole stay',
    passportMonthsBeyondReturn: 0,
    countries: ['GB', 'IE', 'JP', 'CA', 'MX', 'AU'],
    visaArea: [],
  },
];

/** Many countries refuse entry with less than six months left when the traveler leaves. */
export const DEFAULT_ENTRY_RULE: EntryRule = {
  id: 'six-months',
  label: 'Valid 6 months beyond the return date',
  passportMonthsBeyondReturn: 6,
  visaArea: [],
};

const byCountry = new Map(ENTRY_RULES.flatMap((r) => r.countries.map((c) => [c, r] as const)));

/** The rule for entering `country` (ISO 3166-1 alpha-2); the strictest default when unknown. */
export function entryRuleFor(country: string | null | undefined): EntryRule {
  const rule = country ? byCountry.get(country.toUpperCase()) : undefined;
  if (!rule) return DEFAULT_ENTRY_RULE;
  const { countries: _countries, ...own } = rule;
  return own;
}

/** The last day a passport must still be valid on: the return date plus the rule's months. */
export function passportNeededUntil(returnDate: string, rule: EntryRule): string {
  const d = new Date(`${returnDate}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + rule.passportMonthsBeyondReturn);
  // The same day of the month, or the month's last day when it is shorter (31 Aug + 6 = 28/29 Feb).
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/**
 * Days before departure each kind of supplier wants the final payment (typical terms: cruise
 * lines 90 days, tour operators and DMCs 60, hotels 30; airlines, rail and cars are paid when
 * ticketed). A supplier of an unknown kind gets OTHER_SUPPLIER_FINAL_PAYMENT_DAYS.
 */
export const SUPPLIER_FINAL_PAYMENT_DAYS: Readonly<Record<SupplierType, number>> = {
  cruise_line: 90,
  tour_operator: 60,
  dmc: 60,
  hotel: 30,
  airline: 0,
  rail: 0,
  car_rental: 0,
  insurance: 0,
  other: 45,
};
export const OTHER_SUPPLIER_FINAL_PAYMENT_DAYS = 45;

/** Final documents (tickets, vouchers) are due with the client this many days before departure. */
export const DOCUMENTS_DUE_DAYS_BEFORE_DEPARTURE = 21;
