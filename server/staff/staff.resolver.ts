import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ACCESS, Public } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { PageInput, PageType } from '../platform/pagination';
import { ApiKey, Staff, StaffRole } from './staff.entity';

@InputType()
export class LoginInput {
  @Field()
  email: string;

  @Field()
  password: string;
}

@ObjectType()
export class LoginPayload {
  @Field(() => String, { nullable: true, description: 'A signed JWT for `Authorization: Bearer`, valid for 8 hours.' })
  token?: string;

  @Field(() => Staff, { nullable: true })
  staff?: Staff;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class StaffLogoutInput {
  @Field({ nullable: true, description: 'Echoed back unchanged, for clients that track their requests.' })
  clientMutationId?: string;
}

@ObjectType()
export class StaffLogoutPayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class StaffCreateInput {
  @Field()
  email: string;

  @Field(() => StaffRole)
  role: StaffRole;

  @Field(() => String, { nullable: true, description: 'At least 12 characters; left out, one is generated and returned once.' })
  password?: string | null;
}

@ObjectType()
export class StaffCreatePayload {
  @Field(() => Staff, { nullable: true })
  staff?: Staff;

  @Field(() => String, { nullable: true, description: 'The generated password, shown this once.' })
  password?: string;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class StaffUpdateInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => StaffRole, { nullable: true })
  role?: StaffRole | null;

  @Field(() => Boolean, { nullable: true, description: 'True disables the account (it can no longer log in); false enables it.' })
  disabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A new password, at least 12 characters.' })
  password?: string | null;
}

@ObjectType()
export class StaffPayload {
  @Field(() => Staff, { nullable: true })
  staff?: Staff;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "CCW production".' })
  name: string;
}

@ObjectType()
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey?: ApiKey;

  @Field(() => String, { nullable: true, description: 'The key, shown this once: send it as `Authorization: Bearer <key>`.' })
  key?: string;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@InputType()
export class ApiKeyRevokeInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class ApiKeyPayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey?: ApiKey;

  @Field(() => [UserError])
  userErrors: UserError[];
}

const StaffPage = PageType(Staff);
const ApiKeyPage = PageType(ApiKey);

@Resolver()
export class StaffResolver {
  @Public()
  @Mutation(() => LoginPayload, {
    description:
      'Public: staff login. Failures slow further attempts for the account (60 s at most) and slow, then lock, those from the address.',
  })
  login(@Arg('input') input: LoginInput, @Ctx() ctx: Context): Promise<LoginPayload> {
    return mutate(ctx.language, () => ctx.services.staff.login(input.email, input.password, ctx.address));
  }

  @Authorized(ACCESS.staffRead)
  @Mutation(() => StaffLogoutPayload, {
    description: "Ends the caller's token: from now on it is refused as UNAUTHENTICATED. The account's other tokens keep working.",
  })
  async staffLogout(@Arg('input') input: StaffLogoutInput, @Ctx() ctx: Context): Promise<StaffLogoutPayload> {
    const principal = await ctx.principal();
    return mutate(
      ctx.language,
      async () => {
        await ctx.services.staff.logout(principal!);
        return {};
      },
      input.clientMutationId,
    );
  }

  @Authorized(ACCESS.admin)
  @Query(() => StaffPage, { description: 'Administrators: staff accounts.' })
  staffAccounts(@Ctx() ctx: Context, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput) {
    return ctx.services.staffAdmin.listStaff(page ?? undefined);
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => StaffCreatePayload)
  async staffCreate(@Arg('input') input: StaffCreateInput, @Ctx() ctx: Context): Promise<StaffCreatePayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, () => ctx.services.staffAdmin.createStaff(input.email, input.role, input.password, actor));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => StaffPayload, {
    description: "Changes a role, disables or enables an account, or sets its password; any of these ends the account's earlier tokens.",
  })
  async staffUpdate(@Arg('input') input: StaffUpdateInput, @Ctx() ctx: Context): Promise<StaffPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ staff: await ctx.services.staffAdmin.updateStaff(input, actor) }));
  }

  @Authorized(ACCESS.admin)
  @Query(() => ApiKeyPage, { description: 'Administrators: the commerce integration keys (never the keys themselves).' })
  apiKeys(@Ctx() ctx: Context, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput) {
    return ctx.services.staffAdmin.listApiKeys(page ?? undefined);
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => ApiKeyCreatePayload, { description: 'A new COMMERCE key, returned once.' })
  async apiKeyCreate(@Arg('input') input: ApiKeyCreateInput, @Ctx() ctx: Context): Promise<ApiKeyCreatePayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, () => ctx.services.staffAdmin.createApiKey(input.name, actor));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => ApiKeyPayload, { description: 'Revokes a key: it stops working at once.' })
  async apiKeyRevoke(@Arg('input') input: ApiKeyRevokeInput, @Ctx() ctx: Context): Promise<ApiKeyPayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, async () => ({ apiKey: await ctx.services.staffAdmin.revokeApiKey(input.id, actor) }));
  }
}
