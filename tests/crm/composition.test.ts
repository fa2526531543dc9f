import { describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { RANK_OF, loadSubgraphTypeDefs, rankMapFromSdl } from '@nexus/platform';

/** The crm SDL must compose with identity's: shared directives, scalars and the User entity. */
const sdl = (name: string) => ({
  name,
  url: `http://127.0.0.1/${name}`,
  typeDefs: loadSubgraphTypeDefs(new URL(`../../subgraphs/${name}`, import.meta.url)),
});

describe('composition with identity', () => {
  const result = composeServices([sdl('identity'), sdl('crm')]);

  it('composes without errors', () => {
    expect((result.errors ?? []).map((e) => e.message)).toEqual([]);
  });

  it('carries the ranks of crm fields into the supergraph', () => {
    const ranks = rankMapFromSdl(result.supergraphSdl ?? '');
    expect(ranks.get('User.contacts')).toBe(RANK_OF.VIEWER);
    expect(ranks.get('Query.contacts')).toBe(RANK_OF.VIEWER);
    expect(ranks.get('Contact.email')).toBe(RANK_OF.VIEWER);
    expect(ranks.get('Mutation.createContact')).toBe(RANK_OF.AGENT);
    expect(ranks.get('Mutation.updateContact')).toBe(RANK_OF.ADVISOR);
    expect(ranks.get('Mutation.createCompany')).toBe(RANK_OF.ADVISOR);
    expect(ranks.get('Mutation.deleteContact')).toBe(RANK_OF.MANAGER);
    expect(ranks.get('Mutation.deleteCompany')).toBe(RANK_OF.MANAGER);
    expect(ranks.get('Subscription.contactChanged')).toBe(RANK_OF.VIEWER);
  });
});
