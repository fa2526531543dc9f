import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '@nexus/platform';

/**
 * crm's directory of staff, fed by identity (the `staff-changed` contract): who may own records and
 * be assigned work. Identity stays the owner of users; crm keeps only what its rules need.
 */
export const StaffMemberSchema = defineEntity({
  name: 'StaffMember',
  tableName: 'staff_member',
  properties: {
    /** The identity user's id. */
    id: p.uuid().primary(),
    name: p.string().length(120),
    email: p.string().length(254),
    role: p.enum(ROLES).nativeEnumName('nx_staff_role'),
    active: p.boolean(),
    /** identity's time of the change applied last; older messages are skipped. */
    sourceUpdatedAt: p.datetime(),
  },
});
export class StaffMember extends StaffMemberSchema.class {}
StaffMemberSchema.setClass(StaffMember);
