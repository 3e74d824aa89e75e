import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ACCESS, Public } from '../platform/auth';
import { callerActor, Context } from '../platform/context';
import { mutate } from '../platform/errors';
import { PageInput } from '../platform/pagination';
import { StaffAdminService } from './staff-admin.service';
import { StaffService } from './staff.service';
import { LoginInput, StaffLogoutInput, StaffCreateInput, StaffUpdateInput, ApiKeyCreateInput, ApiKeyRevokeInput } from './staff.inputs';
import {
  LoginPayload,
  StaffLogoutPayload,
  StaffCreatePayload,
  StaffPayload,
  ApiKeyCreatePayload,
  ApiKeyPayload,
  StaffPage,
  ApiKeyPage,
} from './staff.payloads';

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
    description:
      'Administrators: creates a staff account. Audited. Refusals: INVALID_EMAIL, STAFF_EMAIL_IN_USE, WEAK_PASSWORD, and REQUIRED or TOO_LONG for a blank or over-long name.',
  })
  async staffCreate(
    @Arg('input', { description: "The new account's email, role, optional name and optional password." }) input: StaffCreateInput,
    @Ctx() ctx: Context,
  ): Promise<StaffCreatePayload> {
    const actor = await callerActor(ctx);
    return mutate(ctx.language, () => this.staffAdmin.createStaff(input, actor));
  }

  @Authorized(ACCESS.admin)
  @Mutation(() => StaffPayload, {
    description:
      "Renames an account, changes its role, disables or enables it, or sets its password; any of these but the name ends the account's earlier tokens. Audited.",
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
