import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StaffRole } from '../platform/actor';
import { EmailScalar } from '../platform/scalars';

export { StaffRole };

/** The longest name a staff member may be given. */
export const MAX_STAFF_NAME_LENGTH = 100;

@ObjectType({ description: 'A Cisco staff account.' })
@Entity({ name: 'staff' })
export class Staff {
  @Field(() => ID, { description: "The account's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => EmailScalar, { description: 'The login email, unique among staff.' })
  @Column({ type: 'text' })
  email: string;

  @Field(() => String, {
    nullable: true,
    description: "The staff member's name, shown beside their email; null when none was given (then the email alone is shown).",
  })
  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Field(() => StaffRole, { description: 'What the account may do.' })
  @Column({ type: 'text' })
  role: StaffRole;

  @Field({ description: 'When the account was created (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Set when the account was disabled: it can no longer log in.' })
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Field(() => Int, { description: 'Optimistic version: pass it back to staffUpdate.' })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** Carried by every token login signs; one more whenever the account's earlier tokens must stop working. */
  @Column({ name: 'token_generation', type: 'int', default: 0, select: false })
  tokenGeneration: number;
}

@ObjectType({ description: 'A key for the commerce integration (role COMMERCE). Only its hash is stored; the key is shown once.' })
@Entity({ name: 'api_key' })
export class ApiKey {
  @Field(() => ID, { description: "The key's id (UUID)." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'What the key is for, as named when created.' })
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'key_hash', type: 'bytea', select: false })
  keyHash: Buffer;

  @Field({ description: 'The first characters of the key, to tell keys apart.' })
  @Column({ type: 'text', default: '' })
  hint: string;

  @Column({ name: 'created_by_staff_id', type: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @Field({ description: 'When the key was created (UTC instant).' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked (UTC instant); null while it works.' })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
