/** What the staff fields take. */
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_STAFF_NAME_LENGTH, StaffRole } from './staff.entity';

@InputType({ description: "A staff member's credentials." })
export class LoginInput {
  @Field({ description: "The account's email." })
  email: string;

  @Field({ description: "The account's password." })
  password: string;
}
@InputType({ description: "Ends the caller's staff token." })
export class StaffLogoutInput {
  @Field({ nullable: true, description: 'Echoed back unchanged, for clients that track their requests.' })
  clientMutationId?: string;
}
@InputType({ description: 'A new staff account.' })
export class StaffCreateInput {
  @Field({ description: 'The login email; must not be used by another account.' })
  email: string;

  @Field(() => StaffRole, { description: 'What the account may do.' })
  role: StaffRole;

  @Field(() => String, {
    nullable: true,
    description: `The staff member's name, at most ${MAX_STAFF_NAME_LENGTH} characters; left out, none.`,
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'At least 12 characters; left out, one is generated and returned once.' })
  password?: string | null;
}
@InputType({ description: 'A change to a staff account. Fields left out stay as they are.' })
export class StaffUpdateInput {
  @Field(() => ID, { description: 'The account to change.' })
  id: string;

  @Field(() => Int, { description: 'The version last read (Staff.version); a stale one is refused with STALE_VERSION.' })
  version: number;

  @Field(() => String, {
    nullable: true,
    description: `A new name, at most ${MAX_STAFF_NAME_LENGTH} characters; a blank one is refused with REQUIRED.`,
  })
  name?: string | null;

  @Field(() => StaffRole, { nullable: true, description: 'A new role.' })
  role?: StaffRole | null;

  @Field(() => Boolean, { nullable: true, description: 'True disables the account (it can no longer log in); false enables it.' })
  disabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A new password, at least 12 characters.' })
  password?: string | null;
}
@InputType({ description: 'A new COMMERCE key.' })
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "CCW production".' })
  name: string;
}
@InputType({ description: 'Revokes a COMMERCE key.' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'The key to revoke.' })
  id: string;
}
