/**
 * Every contact whose name, email or company matches a search, page after page.
 *
 *   NEXUS_API_KEY=nxk_... npx node sdk/examples/list-contacts.ts [search]
 */
import { ListContacts, NexusClient } from '@nexus/sdk';

const sdk = new NexusClient({
  url: process.env.NEXUS_URL ?? 'http://localhost:4000/graphql',
  apiKey: process.env.NEXUS_API_KEY,
});

const search = process.argv[2];
let count = 0;
for await (const contact of sdk.paginate(ListContacts, search ? { filter: { search } } : {}, { pageSize: 100 })) {
  count++;
  console.log(
    [contact.firstName, contact.lastName].filter(Boolean).join(' '),
    contact.email ?? '',
    contact.company?.name ?? '',
  );
}
console.log(`${count} contacts; budget left this hour: ${sdk.rateLimit?.remaining ?? 'n/a'} points`);
