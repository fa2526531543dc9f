/**
 * Creates a contact, changes it, reads it back, and shows how errors arrive as typed classes.
 * Needs a key with the AGENT role or above.
 *
 *   NEXUS_API_KEY=nxk_... npx node sdk/examples/create-and-update.ts
 */
import { BadUserInputError, CreateContact, ForbiddenError, GetContact, NexusClient, UpdateContact } from '@nexus/sdk';

const sdk = new NexusClient({
  url: process.env.NEXUS_URL ?? 'http://localhost:4000/graphql',
  apiKey: process.env.NEXUS_API_KEY,
});

try {
  const { createContact } = await sdk.request(CreateContact, {
    input: { firstName: 'Ada', lastName: 'Lovelace', email: `ada.${Date.now()}@example.com` },
  });
  console.log('created', createContact.id);
  const { updateContact } = await sdk.request(UpdateContact, { input: { id: createContact.id, jobTitle: 'Analyst' } });
  console.log('job title now', updateContact.jobTitle);
  const { contact } = await sdk.request(GetContact, { id: createContact.id });
  console.log('read back', contact?.firstName, contact?.lastName, contact?.jobTitle);

  // An empty first name is refused, naming the field.
  await sdk.request(CreateContact, { input: { firstName: '' } });
} catch (e) {
  if (e instanceof BadUserInputError) console.log('refused:', e.message, e.fields);
  else if (e instanceof ForbiddenError) console.log('this key may not create contacts:', e.message);
  else throw e;
}
