/** What the staff fields answer. */
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../platform/errors';
import { PageType } from '../platform/pagination';
import { ApiKey, Staff } from './staff.entity';

@ObjectType({ description: 'The answer to login: a token and the account, or the refusals (INVALID_CREDENTIALS, LOGIN_THROTTLED).' })
export class LoginPayload {
  @Field(() => String, { nullable: true, description: 'A signed JWT for `Authorization: Bearer`, valid for 8 hours.' })
  token?: string;

  @Field(() => Staff, { nullable: true, description: 'The account logged in; null when refused.' })
  staff?: Staff;

  @Field(() => [UserError], { description: 'Why the login was refused; empty when it succeeded.' })
  userErrors: UserError[];
}
@ObjectType({ description: 'The answer to staffLogout.' })
export class StaffLogoutPayload {
  @Field(() => String, { nullable: true, description: 'The clientMutationId of the input.' })
  clientMutationId?: string;

  @Field(() => [UserError], { description: 'Always empty: logging out is not refused.' })
  userErrors: UserError[];
}
@ObjectType({
  description:
    'The answer to staffCreate: the account (and a generated password), or the refusals (INVALID_EMAIL, STAFF_EMAIL_IN_USE, WEAK_PASSWORD, REQUIRED or TOO_LONG for the name).',
})
export class StaffCreatePayload {
  @Field(() => Staff, { nullable: true, description: 'The new account; null when refused.' })
  staff?: Staff;

  @Field(() => String, { nullable: true, description: 'The generated password, shown this once.' })
  password?: string;

  @Field(() => [UserError], { description: 'Why the account was not created; empty when it was.' })
  userErrors: UserError[];
}
@ObjectType({
  description:
    'The answer to staffUpdate: the account as changed, or the refusals (NOT_FOUND, STALE_VERSION, WEAK_PASSWORD, LAST_ADMIN, REQUIRED or TOO_LONG for the name).',
})
export class StaffPayload {
  @Field(() => Staff, { nullable: true, description: 'The account after the change; null when refused.' })
  staff?: Staff;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}
@ObjectType({ description: "The answer to apiKeyCreate: the key's record and the key itself, once." })
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true, description: "The key's record; null when refused." })
  apiKey?: ApiKey;

  @Field(() => String, { nullable: true, description: 'The key, shown this once: send it as `Authorization: Bearer <key>`.' })
  key?: string;

  @Field(() => [UserError], { description: 'Why the key was not created (REQUIRED or TOO_LONG for the name); empty when it was.' })
  userErrors: UserError[];
}
@ObjectType({ description: 'The answer to apiKeyRevoke: the revoked key, or the refusal NOT_FOUND.' })
export class ApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key after revoking; null when refused.' })
  apiKey?: ApiKey;

  @Field(() => [UserError], { description: 'Why the key was not revoked; empty when it was.' })
  userErrors: UserError[];
}
export const StaffPage = PageType(Staff);
export const ApiKeyPage = PageType(ApiKey);
