import type { GraphQLResolveInfo } from 'graphql';
import { propertiesFor, selectedFields, selectedNodeFields } from '@nexus/platform';
import type { CrmContext } from '../context.ts';
import { Activity as ActivityEntity, Company as CompanyEntity, Contact as ContactEntity } from '../entities/index.ts';
import { Activity } from './activity.ts';
import { Company } from './company.ts';
import { Contact, CONTACT_READS } from './contact.ts';

/**
 * Linked rows read only what their field selects: a deal's `company { id name }` reads a company's
 * id and name. The properties come from `propertiesFor` (every column as soon as a selected field
 * reads something it cannot name), and each set has its own by-id loader (`companyWith`, …), so a
 * row never lacks what another selection of the same record asks for.
 */
// A function, not a constant: contact.ts imports this module, so its resolvers are read at call time.
const links = () => ({
  company: {
    entity: CompanyEntity,
    resolvers: Company,
    reads: { owner: ['ownerId'], activities: [], deals: [], tasks: [], contacts: [] },
  },
  contact: { entity: ContactEntity, resolvers: Contact, reads: CONTACT_READS },
  activity: {
    entity: ActivityEntity,
    resolvers: Activity,
    reads: { contact: ['contact'], company: ['company'], deal: ['deal'], loggedBy: ['loggedById'] },
  },
});
type Link = keyof ReturnType<typeof links>;

const linkProperties = (ctx: CrmContext, link: Link, selected: ReadonlySet<string>) => {
  const { entity, resolvers, reads } = links()[link];
  return propertiesFor(ctx.em, entity as never, selected, reads, resolvers);
};

/** What a link field's own selection needs of its rows, once per set of field nodes. */
const byNodes = new WeakMap<GraphQLResolveInfo['fieldNodes'], string[] | undefined>();
export function linkFields(ctx: CrmContext, link: Link, info: GraphQLResolveInfo): string[] | undefined {
  if (byNodes.has(info.fieldNodes)) return byNodes.get(info.fieldNodes);
  const fields = linkProperties(ctx, link, selectedFields(info));
  byNodes.set(info.fieldNodes, fields);
  return fields;
}

/**
 * What a list's read-ahead of the nodes' `field` (a link to `link` rows) must load: the same set
 * the field's resolver will ask for when each node selects the field once.
 */
export const nodeLinkFields = (ctx: CrmContext, link: Link, info: GraphQLResolveInfo, field: string) =>
  linkProperties(ctx, link, selectedNodeFields(info, field));
