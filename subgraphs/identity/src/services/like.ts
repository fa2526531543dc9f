/** A user's search text as a LIKE pattern that matches it anywhere, its own `%` and `_` taken literally. */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
