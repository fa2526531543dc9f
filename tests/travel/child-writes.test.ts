/**
 * Writes TT-API supports on rows nested under a parent, through the graph against the simulator:
 * group members (update, remove) and milestones (create, update, complete, remove), vendor
 * commission rules and contracts (create, update, remove), with TT-API's refusals mapped to clear
 * errors and ranks enforced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
beforeAll(async () => {
  t = await startTravel();
});
afterAll(async () => t?.stop());

const group = (status: string) => {
  const g = [...t.sim.control.db.groups.values()].find((x) => x.status === status);
  if (!g) throw new Error(`no demo group ${status}`);
  return g;
};
const membersOf = (groupId: string) => [...t.sim.control.db.groupMembers.values()].filter((m) => m.groupId === groupId);
const fields = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  ((r.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

describe('group members', () => {
  const UPDATE = `mutation($input: UpdateTravelGroupMemberInput!) { updateTravelGroupMember(input: $input) { id role depositPaid depositPaidAt } }`;
  const REMOVE = `mutation($g: ID!, $m: ID!) { removeTravelGroupMember(groupId: $g, memberId: $m) }`;

  it('records a deposit and a role, then removes the member', async () => {
    const g = group('open');
    const member = membersOf(g.id).find((m) => !m.depositPaid);
    if (!member) throw new Error('no member without a deposit');
    const updated = ok(
      await t.run<{ updateTravelGroupMember: { role: string; depositPaid: boolean; depositPaidAt: string | null } }>(
        UPDATE,
        { input: { groupId: g.id, memberId: member.id, depositPaid: true, role: 'co-organizer' } },
        as.advisor,
      ),
    ).updateTravelGroupMember;
    expect(updated).toMatchObject({ role: 'co-organizer', depositPaid: true });
    expect(updated.depositPaidAt).not.toBeNull();

    const before = membersOf(g.id).length;
    expect(ok(await t.run(REMOVE, { g: g.id, m: member.id }, as.advisor))).toEqual({
      removeTravelGroupMember: member.id,
    });
    const after = ok(
      await t.run<{ travelGroup: { memberCount: number; members: { nodes: { id: string }[] } } }>(
        `query($id: ID!) { travelGroup(id: $id) { memberCount members(first: 100) { nodes { id } } } }`,
        { id: g.id },
        as.advisor,
      ),
    ).travelGroup;
    expect(after.memberCount).toBe(before - 1);
    expect(after.members.nodes.map((m) => m.id)).not.toContain(member.id);
    // Gone is gone: a second removal is NOT_FOUND.
    expect(codes(await t.run(REMOVE, { g: g.id, m: member.id }, as.advisor))).toEqual(['NOT_FOUND']);
  });

  it("refuses changes once the group travels, and a viewer's changes", async () => {
    const g = group('traveling');
    const member = membersOf(g.id)[0];
    if (!member) throw new Error('no member');
    const refused = await t.run(
      UPDATE,
      { input: { groupId: g.id, memberId: member.id, depositPaid: true } },
      as.advisor,
    );
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.message).toBe('Group is traveling; its members cannot change');
    expect(codes(await t.run(REMOVE, { g: g.id, m: member.id }, as.advisor))).toEqual(['CONFLICT']);
    // Nothing was written: the simulator still holds the very same row.
    expect(t.sim.control.db.groupMembers.get(member.id)).toBe(member);

    const open = group('open');
    const other = membersOf(open.id)[0];
    expect(codes(await t.run(REMOVE, { g: open.id, m: other?.id }, as.viewer))).toEqual(['FORBIDDEN']);
    const empty = await t.run(UPDATE, { input: { groupId: open.id, memberId: other?.id, role: '' } }, as.advisor);
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(fields(empty)).toEqual(['input.role']);
  });
});

describe('group milestones', () => {
  const M = `id title dueDate completedAt description`;
  const CREATE = `mutation($input: CreateTravelGroupMilestoneInput!) { createTravelGroupMilestone(input: $input) { ${M} } }`;
  const COMPLETE = `mutation($g: ID!, $m: ID!, $c: Boolean) { completeTravelGroupMilestone(groupId: $g, milestoneId: $m, completed: $c) { ${M} } }`;
  const REMOVE = `mutation($g: ID!, $m: ID!) { removeTravelGroupMilestone(groupId: $g, milestoneId: $m) }`;

  it('adds, edits, completes, reopens and removes a milestone, with TT-API refusing what it must', async () => {
    const g = group('open');
    const dueDate = g.departureDate;
    const created = ok(
      await t.run<{ createTravelGroupMilestone: { id: string; title: string; completedAt: string | null } }>(
        CREATE,
        { input: { groupId: g.id, title: 'Rooming list to Łódź hotel', dueDate } },
        as.advisor,
      ),
    ).createTravelGroupMilestone;
    expect(created).toMatchObject({ title: 'Rooming list to Łódź hotel', completedAt: null });

    const late = await t.run(
      CREATE,
      { input: { groupId: g.id, title: 'After departure', dueDate: '2099-01-01' } },
      as.advisor,
    );
    expect(codes(late)).toEqual(['BAD_USER_INPUT']);
    expect(fields(late)).toEqual(['input.dueDate']);

    const edited = ok(
      await t.run<{ updateTravelGroupMilestone: { description: string } }>(
        `mutation($input: UpdateTravelGroupMilestoneInput!) { updateTravelGroupMilestone(input: $input) { ${M} } }`,
        { input: { groupId: g.id, milestoneId: created.id, description: 'Send by email' } },
        as.advisor,
      ),
    ).updateTravelGroupMilestone;
    expect(edited.description).toBe('Send by email');

    const done = ok(
      await t.run<{ completeTravelGroupMilestone: { completedAt: string | null } }>(
        COMPLETE,
        { g: g.id, m: created.id },
        as.advisor,
      ),
    ).completeTravelGroupMilestone;
    expect(done.completedAt).not.toBeNull();
    expect(codes(await t.run(COMPLETE, { g: g.id, m: created.id }, as.advisor))).toEqual(['CONFLICT']);
    const kept = await t.run(REMOVE, { g: g.id, m: created.id }, as.advisor);
    expect(codes(kept)).toEqual(['CONFLICT']);
    expect(kept.errors?.[0]?.message).toBe('A completed milestone is kept as a record');

    ok(await t.run(COMPLETE, { g: g.id, m: created.id, c: false }, as.advisor));
    expect(ok(await t.run(REMOVE, { g: g.id, m: created.id }, as.advisor))).toEqual({
      removeTravelGroupMilestone: created.id,
    });
    expect(t.sim.control.db.groupMilestones.has(created.id)).toBe(false);
  });

  it('checks input before calling TT-API', async () => {
    const g = group('open');
    const blank = await t.run(CREATE, { input: { groupId: g.id, title: '  ', dueDate: g.departureDate } }, as.advisor);
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(fields(blank)).toEqual(['input.title']);
    const ghost = await t.run(
      CREATE,
      { input: { groupId: '00000000-0000-4000-8000-000000000999', title: 'x', dueDate: g.departureDate } },
      as.advisor,
    );
    expect(codes(ghost)).toEqual(['NOT_FOUND']);
  });
});

describe('vendor commission rules and contracts', () => {
  const vendor = () => {
    const v = [...t.sim.control.db.vendors.values()].find((x) => x.vendorType === 'cruise_line');
    if (!v) throw new Error('no cruise line');
    return v;
  };
  const RULE = `id tripType commissionPct bonusPct minBookingValueCents effectiveFrom effectiveTo`;
  const CREATE_RULE = `mutation($input: CreateVendorCommissionRuleInput!) { createVendorCommissionRule(input: $input) { ${RULE} } }`;

  it('lets a manager add, change and remove a commission rule; overlaps and bad dates are refused', async () => {
    const v = vendor();
    const input = { vendorId: v.id, tripType: 'RIVER_CRUISE', commissionPct: 17.5, effectiveFrom: '2031-01-01' };
    const rule = ok(
      await t.run<{ createVendorCommissionRule: { id: string; tripType: string; bonusPct: number } }>(
        CREATE_RULE,
        { input },
        as.manager,
      ),
    ).createVendorCommissionRule;
    expect(rule).toMatchObject({ tripType: 'RIVER_CRUISE', bonusPct: 0 });

    const overlap = await t.run(CREATE_RULE, { input: { ...input, effectiveFrom: '2032-06-01' } }, as.manager);
    expect(codes(overlap)).toEqual(['CONFLICT']);
    expect(overlap.errors?.[0]?.message).toBe('Overlaps the river_cruise rule effective from 2031-01-01');
    const backwards = await t.run(
      CREATE_RULE,
      { input: { ...input, tripType: 'ADVENTURE', effectiveTo: '2030-01-01' } },
      as.manager,
    );
    expect(codes(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(fields(backwards)).toEqual(['input.effectiveTo']);
    expect(codes(await t.run(CREATE_RULE, { input: { ...input, tripType: 'CUSTOM' } }, as.advisor))).toEqual([
      'FORBIDDEN',
    ]);

    const changed = ok(
      await t.run<{ updateVendorCommissionRule: { commissionPct: number; effectiveTo: string } }>(
        `mutation($input: UpdateVendorCommissionRuleInput!) { updateVendorCommissionRule(input: $input) { ${RULE} } }`,
        { input: { vendorId: v.id, ruleId: rule.id, commissionPct: 18, effectiveTo: '2031-12-31' } },
        as.manager,
      ),
    ).updateVendorCommissionRule;
    expect(changed).toMatchObject({ commissionPct: 18, effectiveTo: '2031-12-31' });
    expect(
      ok(
        await t.run(
          `mutation($v: ID!, $r: ID!) { removeVendorCommissionRule(vendorId: $v, ruleId: $r) }`,
          { v: v.id, r: rule.id },
          as.manager,
        ),
      ),
    ).toEqual({ removeVendorCommissionRule: rule.id });
    const rules = ok(
      await t.run<{ vendor: { commissionRules: { nodes: { id: string }[] } } }>(
        `query($id: ID!) { vendor(id: $id) { commissionRules(first: 100) { nodes { id } } } }`,
        { id: v.id },
        as.manager,
      ),
    ).vendor.commissionRules.nodes;
    expect(rules.map((r) => r.id)).not.toContain(rule.id);
  });

  it('lets a manager hold a room block in a contract, change and remove it', async () => {
    const v = vendor();
    const offering = [...t.sim.control.db.trips.values()].find((o) => o.vendorId === v.id);
    const CONTRACT = `id name contractType cabinsHeld releaseDate startDate endDate tripOffering { id }`;
    const CREATE = `mutation($input: CreateVendorContractInput!) { createVendorContract(input: $input) { ${CONTRACT} } }`;
    const input = {
      vendorId: v.id,
      name: 'Zoë’s Danube block 2031',
      contractType: 'group_block',
      commissionPct: 16,
      cabinsHeld: 12,
      releaseDate: '2031-03-01',
      startDate: '2031-01-01',
      endDate: '2031-06-30',
      tripOfferingId: offering?.id ?? null,
    };
    const contract = ok(
      await t.run<{ createVendorContract: { id: string; cabinsHeld: number; tripOffering: { id: string } | null } }>(
        CREATE,
        { input },
        as.manager,
      ),
    ).createVendorContract;
    expect(contract).toMatchObject({ cabinsHeld: 12, tripOffering: offering ? { id: offering.id } : null });

    const late = await t.run(CREATE, { input: { ...input, releaseDate: '2031-07-01' } }, as.manager);
    expect(fields(late)).toEqual(['input.releaseDate']);
    const ghost = await t.run(
      CREATE,
      { input: { ...input, tripOfferingId: '00000000-0000-4000-8000-000000000999' } },
      as.manager,
    );
    expect(codes(ghost)).toEqual(['BAD_USER_INPUT']);
    expect(fields(ghost)).toEqual(['input.tripOfferingId']);

    const changed = ok(
      await t.run<{ updateVendorContract: { cabinsHeld: number } }>(
        `mutation($input: UpdateVendorContractInput!) { updateVendorContract(input: $input) { ${CONTRACT} } }`,
        { input: { vendorId: v.id, contractId: contract.id, cabinsHeld: 8 } },
        as.manager,
      ),
    ).updateVendorContract;
    expect(changed.cabinsHeld).toBe(8);
    const REMOVE = `mutation($v: ID!, $c: ID!) { removeVendorContract(vendorId: $v, contractId: $c) }`;
    expect(codes(await t.run(REMOVE, { v: v.id, c: contract.id }, as.advisor))).toEqual(['FORBIDDEN']);
    expect(ok(await t.run(REMOVE, { v: v.id, c: contract.id }, as.manager))).toEqual({
      removeVendorContract: contract.id,
    });
    expect(t.sim.control.db.vendorContracts.has(contract.id)).toBe(false);
  });
});
