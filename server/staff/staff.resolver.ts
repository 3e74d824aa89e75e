import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ACCESS, Public } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { PageInput, PageType } from '../platform/pagination';
import { ApiKey, Staff, StaffRole } from './staff.entity';
import { StaffAdminService } from './staff-admin.service';
import { StaffService } from './staff.service';

@InputType({ description: "A staff member's credentials." })
export class LoginInput {
  @Field({ description: "The account's email." })
  email: string;

  @Field({ description: "The account's password." })
  password: string;
}

@ObjectType({ description: 'The answer to login: a token and the account, or the refusals (INVALID_CREDENTIALS, LOGIN_THROTTLED).' })
export class LoginPayload {
  @Field(() => String, { nullable: true, description: 'A signed JWT for `Authorization: Bearer`, valid for 8 hours.' })
  token?: string;

  @Field(() => Staff, { nullable: true, description: 'The account logged in; null when refused.' })
  staff?: Staff;

  @Field(() => [UserError], { description: 'Why the login was refused; empty when it succeeded.' })
  userErrors: UserError[];
}

@InputType({ description: "Ends the caller's staff token." })
export class StaffLogoutInput {
  @Field({ nullable: true, description: 'Echoed back unchanged, for clients that track their requests.' })
  clientMutationId?: string;
}

@ObjectType({ description: 'The answer to staffLogout.' })
export class StaffLogoutPayload {
  @Field(() => String, { nullable: true, description: 'The clientMutationId of the input.' })
  clientMutationId?: string;

  @Field(() => [UserError], { description: 'Always empty: logging out is not refused.' })
  userErrors: UserError[];
}

@InputType({ description: 'A new staff account.' })
export class StaffCreateInput {
  @Field({ description: 'The login email; must not be used by another account.' })
  email: string;

  @Field(() => StaffRole, { description: 'What the account may do.' })
  role: StaffRole;

  @Field(() => String, { nullable: true, description: 'At least 12 characters; left out, one is generated and returned once.' })
  password?: string | null;
}

@ObjectType({
  description:
    'The answer to staffCreate: the account (and a generated password), or the refusals (INVALID_EMAIL, STAFF_EMAIL_IN_USE, WEAK_PASSWORD).',
})
export class StaffCreatePayload {
  @Field(() => Staff, { nullable: true, description: 'The new account; null when refused.' })
  staff?: Staff;

  @Field(() => String, { nullable: true, description: 'The generated password, shown this once.' })
  password?: string;

  @Field(() => [UserError], { description: 'Why the account was not created; empty when it was.' })
  userErrors: UserError[];
}

@InputType({ description: 'A change to a staff account. Fields left out stay as they are.' })
export class StaffUpdateInput {
  @Field(() => ID, { description: 'The account to change.' })
  id: string;

  @Field(() => Int, { description: 'The version last read (Staff.version); a stale one is refused with STALE_VERSION.' })
  version: number;

  @Field(() => StaffRole, { nullable: true, description: 'A new role.' })
  role?: StaffRole | null;

  @Field(() => Boolean, { nullable: true, description: 'True disables the account (it can no longer log in); false enables it.' })
  disabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A new password, at least 12 characters.' })
  password?: string | null;
}

@ObjectType({
  description: 'The answer to staffUpdate: the account as changed, or the refusals (NOT_FOUND, STALE_VERSION, WEAK_PASSWORD, LAST_ADMIN).',
})
export class StaffPayload {
  @Field(() => Staff, { nullable: true, description: 'The account after the change; null when refused.' })
  staff?: Staff;

  @Field(() => [UserError], { description: 'Why the change was refused; empty when it was made.' })
  userErrors: UserError[];
}

@InputType({ description: 'A new COMMERCE key.' })
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "CCW production".' })
  name: string;
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

@InputType({ description: 'Revokes a COMMERCE key.' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'The key to revoke.' })
  id: string;
}

@ObjectType({ description: 'The answer to apiKeyRevoke: the revoked key, or the refusal NOT_FOUND.' })
export class ApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key after revoking; null when refused.' })
  apiKey?: ApiKey;

  @Field(() => [UserError], { description: 'Why the key was not revoked; empty when it was.' })
  userErrors: UserError[];
}

const StaffPage = PageType(Staff);
const ApiKeyPage = PageType(ApiKey);

@Resolver()
export class StaffResolver {
  constructor(
    private readonly staff: StaffService,
    private readonly staffAdmin: StaffAdminService,
  ) {}

  @Public()
  @Mutation(() => LoginPayload, {
    description:
      'Public: staff login. Failures slow further attempts for the account (60 s at most) and slow, then lock, those from the address.',
  })
  login(@Arg('input', { description: 'The email and password.' }) input: LoginInput, @Ctx() ctx: Context): Promise<LoginPayload> {
    return mutate(ctx.language, () => this.staff.login(input.email, input.password, ctx.address));
  }

  @Authorized(ACCESS.staffRead)
  @Mutation(() => StaffLogoutPayload, {
    description: "Ends the caller's token: from now on it is refused as UNAUTHENTICATED. The account's other tokens keep working.",
  })
  async staffLogout(
    @Arg('input', { description: 'An optional clientMutationId to echo.' }) input: StaffLogoutInput,
    @Ctx() ctx: Context,
  ): Promise<StaffLogoutPayload> {
    const principal = await ctx.principal();
    return mutate(
      ctx.language,
      async () => {
        await this.staff.logout(principal!);
        return {};
      },
      input.clientMutationId,
    );
  }

  @Authorized(ACCESS.admin)
  @Query(() => StaffPage, { description: 'Administrators: staff accounts.' })
  staffAccounts(
    @Ctx() ctx: Context,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; the first 25 when left out.' }) page?: PageInput,
  ) {
    return this.staffAdmin.listStaff(page ?? undefined);
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => StaffCreatePayload, {
    description: 'Administrators: creates a staff account. Audited. Refusals: INVALID_EMAIL, STAFF_EMAIL_IN_USE, WEAK_PASSWORD.',
  })
  async staffCreate(
    @Arg('input', { description: "The new account's email, role and optional password." }) input: StaffCreateInput,
    @Ctx() ctx: Context,
  ): Promise<StaffCreatePayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, () => this.staffAdmin.createStaff(input.email, input.role, input.password, actor));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => StaffPayload, {
    description: "Changes a role, disables or enables an account, or sets its password; any of these ends the account's earlier tokens.",
  })
  async staffUpdate(
    @Arg('input', { description: 'The account and what to change.' }) input: StaffUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<StaffPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ staff: await this.staffAdmin.updateStaff(input, actor) }));
  }

  @Authorized(ACCESS.admin)
  @Query(() => ApiKeyPage, { description: 'Administrators: the commerce integration keys (never the keys themselves).' })
  apiKeys(
    @Ctx() ctx: Context,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; the first 25 when left out.' }) page?: PageInput,
  ) {
    return this.staffAdmin.listApiKeys(page ?? undefined);
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => ApiKeyCreatePayload, { description: 'A new COMMERCE key, returned once.' })
  async apiKeyCreate(
    @Arg('input', { description: "The key's name." }) input: ApiKeyCreateInput,
    @Ctx() ctx: Context,
  ): Promise<ApiKeyCreatePayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, () => this.staffAdmin.createApiKey(input.name, actor));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => ApiKeyPayload, { description: 'Revokes a key: it stops working at once.' })
  async apiKeyRevoke(
    @Arg('input', { description: 'The key to revoke.' }) input: ApiKeyRevokeInput,
    @Ctx() ctx: Context,
  ): Promise<ApiKeyPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ apiKey: await this.staffAdmin.revokeApiKey(input.id, actor) }));
  }
}
