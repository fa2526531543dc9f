/**
 * TT-API simulator: rows nested under a parent that TT-API writes one at a time (group members
 * and milestones, vendor commission rules and contracts), with TT-API's refusals: 404 for a
 * missing parent or child, 409 CONFLICT for a state that forbids the change, 400 VALIDATION_ERROR for bad fields.
 */
import { randomUUID } from 'node:crypto';
import {
  createGroupMilestoneSchema,
  createVendorCommissionRuleSchema,
  createVendorContractSchema,
  idParamSchema,
  ttResponses,
  ttRoutes,
  updateGroupMemberSchema,
  updateGroupMilestoneSchema,
  updateVendorCommissionRuleSchema,
  updateVendorContractSchema,
  type Group,
  type VendorCommissionRule,
  type VendorContract,
} from '../../src/tt-api/contract.ts';
import { findLive } from '../db.ts';
import type { SimDb } from '../db.ts';
import { nowIso, parseBody, parseId, respond } from '../crud.ts';
import type { SimApp, SimContext, SimCtx } from '../crud.ts';
import { conflictError, issuesOf, notFoundError, validationError } from '../http-errors.ts';
import { requireRef } from './shared.ts';

/** Groups whose member list and milestones are a record: no changes. */
const SETTLED_GROUP = new Set(['traveling', 'completed', 'cancelled']);

function childId(c: SimContext): string {
  const parsed = idParamSchema.safeParse({ id: c.req.param('childId') });
  if (!parsed.success) throw validationError(issuesOf(parsed.error), 'Invalid id parameter');
  return parsed.data.id;
}

function liveGroup(db: SimDb, id: string): Group {
  const group = findLive(db.groups, id);
  if (group === undefined) throw notFoundError('Group', id);
  return group;
}

function open(group: Group, what: string) {
  if (SETTLED_GROUP.has(group.status)) throw conflictError(`Group is ${group.status}; its ${what} cannot change`);
}

const deleted = (id: string) => ({ data: { id, deletedAt: nowIso() } });

export function mountChildRoutes(app: SimApp, ctx: SimCtx): void {
  // ---- Group members -------------------------------------------------------------------------
  app.patch(ttRoutes.groupMember, async (c) => {
    const db = ctx.db();
    const group = liveGroup(db, parseId(c));
    const id = childId(c);
    const input = await parseBody(c, updateGroupMemberSchema);
    const member = db.groupMembers.get(id);
    if (member === undefined || member.groupId !== group.id) throw notFoundError('GroupMember', id);
    open(group, 'members');
    const next = {
      ...member,
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.depositPaid !== undefined
        ? {
            depositPaid: input.depositPaid,
            depositPaidAt: input.depositPaid ? (member.depositPaidAt ?? nowIso()) : null,
          }
        : {}),
    };
    db.groupMembers.set(id, next);
    return respond(ctx, ttResponses.groupMember, { data: next });
  });

  app.delete(ttRoutes.groupMember, (c) => {
    const db = ctx.db();
    const group = liveGroup(db, parseId(c));
    const id = childId(c);
    const member = db.groupMembers.get(id);
    if (member === undefined || member.groupId !== group.id) throw notFoundError('GroupMember', id);
    open(group, 'members');
    db.groupMembers.delete(id);
    const memberCount = [...db.groupMembers.values()].filter((m) => m.groupId === group.id).length;
    db.groups.set(group.id, {
      ...group,
      memberCount,
      status: group.status === 'minimum_reached' && memberCount < group.minGuests ? 'open' : group.status,
      updatedAt: nowIso(),
    });
    return respond(ctx, ttResponses.deleted, deleted(id));
  });

  // ---- Group milestones ----------------------------------------------------------------------
  const checkDue = (group: Group, dueDate: string | undefined) => {
    if (dueDate !== undefined && dueDate > group.departureDate)
      throw validationError([
        { path: ['dueDate'], message: `Must be on or before the departure (${group.departureDate})` },
      ]);
  };

  app.post(ttRoutes.groupMilestones, async (c) => {
    const db = ctx.db();
    const group = liveGroup(db, parseId(c));
    const input = await parseBody(c, createGroupMilestoneSchema);
    open(group, 'milestones');
    checkDue(group, input.dueDate);
    const milestone = {
      id: randomUUID(),
      groupId: group.id,
      title: input.title,
      dueDate: input.dueDate,
      completedAt: null,
      description: input.description ?? null,
    };
    db.groupMilestones.set(milestone.id, milestone);
    return respond(ctx, ttResponses.groupMilestone, { data: milestone }, 201);
  });

  app.patch(ttRoutes.groupMilestone, async (c) => {
    const db = ctx.db();
    const group = liveGroup(db, parseId(c));
    const id = childId(c);
    const { completed, ...input } = await parseBody(c, updateGroupMilestoneSchema);
    const milestone = db.groupMilestones.get(id);
    if (milestone === undefined || milestone.groupId !== group.id) throw notFoundError('GroupMilestone', id);
    open(group, 'milestones');
    checkDue(group, input.dueDate);
    if (completed === true && milestone.completedAt !== null) throw conflictError('Milestone is already complete');
    if (completed === false && milestone.completedAt === null) throw conflictError('Milestone is not complete');
    const next = {
      ...milestone,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(completed !== undefined ? { completedAt: completed ? nowIso() : null } : {}),
    };
    db.groupMilestones.set(id, next);
    return respond(ctx, ttResponses.groupMilestone, { data: next });
  });

  app.delete(ttRoutes.groupMilestone, (c) => {
    const db = ctx.db();
    const group = liveGroup(db, parseId(c));
    const id = childId(c);
    const milestone = db.groupMilestones.get(id);
    if (milestone === undefined || milestone.groupId !== group.id) throw notFoundError('GroupMilestone', id);
    open(group, 'milestones');
    if (milestone.completedAt !== null) throw conflictError('A completed milestone is kept as a record');
    db.groupMilestones.delete(id);
    return respond(ctx, ttResponses.deleted, deleted(id));
  });

  // ---- Vendor commission rules ---------------------------------------------------------------
  const liveVendor = (db: SimDb, id: string) => {
    const vendor = findLive(db.vendors, id);
    if (vendor === undefined) throw notFoundError('Vendor', id);
    return vendor;
  };
  const checkRule = (db: SimDb, rule: VendorCommissionRule) => {
    if (rule.effectiveTo !== null && rule.effectiveTo < rule.effectiveFrom)
      throw validationError([{ path: ['effectiveTo'], message: 'Must be on or after effectiveFrom' }]);
    const overlapping = [...db.vendorRules.values()].find(
      (r) =>
        r.id !== rule.id &&
        r.vendorId === rule.vendorId &&
        r.tripType === rule.tripType &&
        (r.effectiveTo === null || r.effectiveTo >= rule.effectiveFrom) &&
        (rule.effectiveTo === null || rule.effectiveTo >= r.effectiveFrom),
    );
    if (overlapping)
      throw conflictError(
        `Overlaps the ${rule.tripType ?? 'all trip types'} rule effective from ${overlapping.effectiveFrom}`,
      );
  };

  app.post(ttRoutes.vendorCommissionRules, async (c) => {
    const db = ctx.db();
    const vendor = liveVendor(db, parseId(c));
    const input = await parseBody(c, createVendorCommissionRuleSchema);
    const rule: VendorCommissionRule = {
      id: randomUUID(),
      vendorId: vendor.id,
      tripType: input.tripType ?? null,
      commissionPct: input.commissionPct,
      bonusPct: input.bonusPct ?? 0,
      minBookingValueCents: input.minBookingValueCents ?? null,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
    };
    checkRule(db, rule);
    db.vendorRules.set(rule.id, rule);
    return respond(ctx, ttResponses.vendorCommissionRule, { data: rule }, 201);
  });

  app.patch(ttRoutes.vendorCommissionRule, async (c) => {
    const db = ctx.db();
    const vendor = liveVendor(db, parseId(c));
    const id = childId(c);
    const input = await parseBody(c, updateVendorCommissionRuleSchema);
    const rule = db.vendorRules.get(id);
    if (rule === undefined || rule.vendorId !== vendor.id) throw notFoundError('VendorCommissionRule', id);
    const next: VendorCommissionRule = { ...rule, ...input, bonusPct: input.bonusPct ?? rule.bonusPct };
    checkRule(db, next);
    db.vendorRules.set(id, next);
    return respond(ctx, ttResponses.vendorCommissionRule, { data: next });
  });

  app.delete(ttRoutes.vendorCommissionRule, (c) => {
    const db = ctx.db();
    const vendor = liveVendor(db, parseId(c));
    const id = childId(c);
    const rule = db.vendorRules.get(id);
    if (rule === undefined || rule.vendorId !== vendor.id) throw notFoundError('VendorCommissionRule', id);
    db.vendorRules.delete(id);
    return respond(ctx, ttResponses.deleted, deleted(id));
  });

  // ---- Vendor contracts ----------------------------------------------------------------------
  const checkContract = (db: SimDb, k: VendorContract) => {
    if (k.endDate !== null && k.endDate < k.startDate)
      throw validationError([{ path: ['endDate'], message: 'Must be on or after startDate' }]);
    if (k.releaseDate !== null && k.endDate !== null && k.releaseDate > k.endDate)
      throw validationError([{ path: ['releaseDate'], message: 'Must be on or before endDate' }]);
    requireRef(db.trips, k.tripOfferingId, 'tripOfferingId', 'TripOffering');
  };

  app.post(ttRoutes.vendorContracts, async (c) => {
    const db = ctx.db();
    const vendor = liveVendor(db, parseId(c));
    const input = await parseBody(c, createVendorContractSchema);
    const contract: VendorContract = {
      id: randomUUID(),
      vendorId: vendor.id,
      name: input.name,
      contractType: input.contractType,
      commissionPct: input.commissionPct,
      cabinsHeld: input.cabinsHeld ?? null,
      releaseDate: input.releaseDate ?? null,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      tripOfferingId: input.tripOfferingId ?? null,
    };
    checkContract(db, contract);
    db.vendorContracts.set(contract.id, contract);
    return respond(ctx, ttResponses.vendorContract, { data: contract }, 201);
  });

  app.patch(ttRoutes.vendorContract, async (c) => {
    const db = ctx.db();
    const vendor = liveVendor(db, parseId(c));
    const id = childId(c);
    const input = await parseBody(c, updateVendorContractSchema);
    const contract = db.vendorContracts.get(id);
    if (contract === undefined || contract.vendorId !== vendor.id) throw notFoundError('VendorContract', id);
    const next: VendorContract = { ...contract, ...input };
    checkContract(db, next);
    db.vendorContracts.set(id, next);
    return respond(ctx, ttResponses.vendorContract, { data: next });
  });

  app.delete(ttRoutes.vendorContract, (c) => {
    const db = ctx.db();
    const vendor = liveVendor(db, parseId(c));
    const id = childId(c);
    const contract = db.vendorContracts.get(id);
    if (contract === undefined || contract.vendorId !== vendor.id) throw notFoundError('VendorContract', id);
    db.vendorContracts.delete(id);
    return respond(ctx, ttResponses.deleted, deleted(id));
  });
}
