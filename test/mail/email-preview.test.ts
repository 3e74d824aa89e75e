/** emailPreview: every staff role reads each email in each language, filled with made-up data; no one else does. */
import { Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const PREVIEW = `query ($kind: EmailKind!, $language: Language!) { emailPreview(kind: $kind, language: $language) { kind language subject text html } }`;

test('each staff role reads every kind in both languages, as the server writes it', async () => {
  for (const role of ['REP', 'ANALYST', 'ADMIN'] as const) {
    const token = await h.staffToken(role);
    for (const kind of ['SETUP_LINK', 'DELEGATED_SETUP_LINK', 'SETUP_REMINDER', 'WELCOME', 'CASE_RESOLVED', 'WEBHOOK_ENDPOINT_DISABLED']) {
      for (const language of ['en', 'bg']) {
        const result = await h.gql(PREVIEW, { kind, language }, { token });
        expect(result.errors).toBeUndefined();
        const preview = result.data.emailPreview;
        expect({ kind: preview.kind, language: preview.language }).toEqual({ kind, language });
        // Each names what it is about: the order, or the endpoint for the notice to ADMINs.
        expect(preview.subject).toContain(
          kind === 'WEBHOOK_ENDPOINT_DISABLED' ? 'https://erp.example.com/webex/webhooks' : 'Sub-EXAMPLE-0001',
        );
        expect(preview.html).toContain(`<html lang="${language}"`);
        expect(preview.text.length).toBeGreaterThan(200);
      }
    }
  }
  // Nothing was written: a preview is no email.
  expect(Number((await h.db.query(`SELECT count(*) AS n FROM outbox_email`))[0].n)).toBe(0);
});

test('the commerce key and a caller without credential are refused; an unknown language is a bad input', async () => {
  const commerce = await h.gql(PREVIEW, { kind: 'WELCOME', language: 'en' }, { token: h.commerceKey });
  expect(commerce.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const anonymous = await h.gql(PREVIEW, { kind: 'WELCOME', language: 'en' });
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const french = await h.gql(PREVIEW, { kind: 'WELCOME', language: 'fr' }, { token: await h.staffToken('REP') });
  expect(french.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
