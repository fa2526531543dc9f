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
 * reads something it cannot name), and the loaders' `LinkedRows` read each batch with the union of
 * what its askers need, so a row never lacks what another selection of the same record asks for.
 */
// Made at first use, not at load: contact.ts imports this module, so its resolvers exist only then.
let table: ReturnType<typeof makeLinks> | undefined;
const links = () => (table ??= makeLinks());
const makeLinks = () => ({
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
type Link = keyof ReturnType<typeof makeLinks>;

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
 * the field's resolver will ask for when each node selects the field once. Worked out once per set
 * of the list's field nodes, as `linkFields` is.
 */
export function nodeLinkFields(
  ctx: CrmContext,
  link: Link,
  info: GraphQLResolveInfo,
  field: string,
): string[] | undefined {
  let byField = byListNodes.get(info.fieldNodes);
  if (!byField) byListNodes.set(info.fieldNodes, (byField = new Map()));
  if (byField.has(field)) return byField.get(field);
  const fields = linkProperties(ctx, link, selectedNodeFields(info, field));
  byField.set(field, fields);
  return fields;
}
const byListNodes = new WeakMap<GraphQLResolveInfo['fieldNodes'], Map<string, string[] | undefined>>();
