import type { TaskResolvers } from '../__generated__/resolvers-types.ts';
import { userRef } from '../entities/index.ts';
import { isOverdue } from '../services/tasks.service.ts';

export const Task: TaskResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.task.load(ref.id),
  isOverdue: (task) => isOverdue(task),
  assignee: (task) => (task.assigneeId ? userRef(task.assigneeId) : null),
  createdBy: (task) => (task.createdById ? userRef(task.createdById) : null),
  contact: (task, _args, ctx) => (task.contact ? ctx.loaders.contact.load(task.contact.id) : null),
  company: (task, _args, ctx) => (task.company ? ctx.loaders.company.load(task.company.id) : null),
  deal: (task, _args, ctx) => (task.deal ? ctx.loaders.deal.load(task.deal.id) : null),
};
