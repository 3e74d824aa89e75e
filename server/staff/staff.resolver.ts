import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../platform/context';
import { mutate, UserError } from '../platform/errors';
import { Staff } from './staff.entity';

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

@Resolver()
export class StaffResolver {
  @Mutation(() => LoginPayload, { description: 'Public: staff login.' })
  login(@Arg('input') input: LoginInput, @Ctx() ctx: Context): Promise<LoginPayload> {
    return mutate(ctx.language, () => ctx.services.staff.login(input.email, input.password));
  }
}
