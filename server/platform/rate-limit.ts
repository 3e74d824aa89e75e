/**
 * Per-address limits on the operations a stranger can call with a guessed token (setupLink,
 * provisioningStart): with 256-bit tokens guessing is hopeless anyway; this keeps refusing it cheap.
 * Counted per server process, in memory.
 */
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from './context';

export function entryLimiter(requestsPerMinute: number): RateLimiterMemory {
  return new RateLimiterMemory({ points: requestsPerMinute, duration: 60 });
}

/** Middleware for @UseMiddleware: counts the call against the caller's address. */
export const LimitPerAddress: MiddlewareFn<Context> = async ({ context }, next) => {
  try {
    await context.entryLimiter.consume(context.address);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const seconds = Math.ceil(refusal.msBeforeNext / 1000);
    throw new GraphQLError(`Too many requests from your address. Try again in ${seconds} seconds.`, {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429 } },
    });
  }
  return next();
};
