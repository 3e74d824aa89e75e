/** schema/schema.graphql is emitted from the code and committed; this fails when someone forgot `npm run schema`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printedSchema } from '../server/schema-emit';

test('the committed schema matches the one the code builds', async () => {
  const committed = readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
  expect(await printedSchema()).toBe(committed);
});

test('every user error code of the API contract is documented in the schema', () => {
  const committed = readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
  const contractCodes = [
    'INVALID_LINK',
    'LINK_REVOKED',
    'LINK_EXPIRED',
    'ORDER_ALREADY_MAPPED',
    'ORDER_CLOSED',
    'SESSION_ENDED',
    'STEP_OUT_OF_ORDER',
    'INVALID_EMAIL',
    'USER_IN_OTHER_ORG',
    'ADMIN_EMAIL_IN_USE',
    'TRIAL_ADMIN_EMAIL_MISMATCH',
    'COUNTRY_NOT_SUPPORTED',
    'NO_EXISTING_ORG',
    'TRIAL_EXPIRED',
    'TRIAL_ORG_REQUIRED',
    'PAST_POINT_OF_NO_RETURN',
    'STALE_VERSION',
  ];
  for (const code of contractCodes) expect(committed).toContain(`- ${code}: `);
});
