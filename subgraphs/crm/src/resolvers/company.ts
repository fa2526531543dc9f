import type { CompanyResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { childPage } from '../loaders.ts';

export const Company: CompanyResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.company.load(ref.id),
  owner: (company) => (company.ownerId ? userRef(company.ownerId) : null),
  activities: (company, args, ctx) => childPage(ctx.loaders.activitiesOfCompany, company.id, args),
  deals: (company, args, ctx) => childPage(ctx.loaders.dealsOfCompany, company.id, args),
  tasks: (company, args, ctx) => childPage(ctx.loaders.tasksOfCompany, company.id, args),
  contacts: (company, args, ctx) => childPage(ctx.loaders.contactsOfCompany, company.id, args),
};
