/**
 * Which order actions the order's state allows, and why not when it does not: the same rules the server
 * applies (it refuses with these codes), so that a button is disabled with its reason instead of failing.
 */
export type OrderAction = 'resendSetupEmail' | 'changeProvisioningContact' | 'cancel' | 'reopen';

/** The message key of the reason the action is not possible for an order in this status, or undefined. */
export function unavailableBecause(action: OrderAction, status: string): string | undefined {
  if (status === 'MAPPED') return 'console.refusal.PAST_POINT_OF_NO_RETURN';
  if (status === 'CANCELLED') return 'console.refusal.ORDER_CANCELLED';
  if (action === 'resendSetupEmail' && status === 'BOOKED') return 'console.refusal.ORDER_NOT_AWAITING';
  if (action === 'resendSetupEmail' && status === 'CLOSED') return 'console.refusal.ORDER_WINDOW_CLOSED';
  if (action === 'reopen' && status !== 'CLOSED') return 'console.refusal.ORDER_NOT_CLOSED';
  return undefined;
}
