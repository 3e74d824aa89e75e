/** The wizard speaks the contact's language: English by default, Bulgarian when the browser asks for it. */
import { Harness, startHarness } from '../support/harness';
import { bookOrder, partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CYRILLIC = /[\u0400-\u04FF]/;
const ENGLISH = [undefined, 'en-US'];
const BULGARIAN = ['bg', 'bg-BG,bg;q=0.9,en;q=0.8'];

/** One wizard step with the session token and the given Accept-Language (none when undefined). */
async function stepIn(language: string | undefined, wizard: WizardClient, name: string, input: Record<string, unknown>) {
  const result = await h.gql(
    `mutation ($input: Provisioning${name}Input!) { provisioning${name}(input: $input) { session { id } ${USER_ERRORS} } }`,
    { input },
    { token: wizard.sessionToken, language },
  );
  expect(result.errors).toBeUndefined();
  return result.data[`provisioning${name}`];
}

test('a step out of order is refused with the same code in English and in Bulgarian', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'ivan@sofia-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  const input = { companyName: 'Sofia Software OOD', countryCode: 'BG' };

  const english = [];
  for (const language of ENGLISH) english.push((await stepIn(language, wizard, 'SetCustomerCompany', input)).userErrors);
  const bulgarian = [];
  for (const language of BULGARIAN) bulgarian.push((await stepIn(language, wizard, 'SetCustomerCompany', input)).userErrors);

  for (const errors of english) {
    expect(errors).toEqual([
      { code: 'STEP_OUT_OF_ORDER', field: null, message: 'This step is not available yet: answer the earlier steps first.' },
    ]);
  }
  for (const errors of bulgarian) {
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('STEP_OUT_OF_ORDER');
    expect(errors[0].field).toBeNull();
    expect(errors[0].message).toMatch(CYRILLIC);
    expect(errors[0].message).not.toBe(english[0][0].message);
  }
  // Both Bulgarian headers give the one Bulgarian message.
  expect(bulgarian[1]).toEqual(bulgarian[0]);
  // Nothing was answered by any of them.
  expect((await wizard.session()).currentStep).toBe('ROLE');
});

test('a refusal naming a field and a value is translated around the value', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'maria@plovdiv-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  const input = { performer: 'OTHER', delegateEmail: 'georgi@varna-partners.example' };

  const [en] = (await stepIn(undefined, wizard, 'ChooseSetupPerformer', input)).userErrors;
  const [bg] = (await stepIn('bg-BG,bg;q=0.9,en;q=0.8', wizard, 'ChooseSetupPerformer', input)).userErrors;
  expect(en).toMatchObject({ code: 'DELEGATE_OUTSIDE_COMPANY', field: ['input', 'delegateEmail'] });
  expect(bg).toMatchObject({ code: 'DELEGATE_OUTSIDE_COMPANY', field: ['input', 'delegateEmail'] });
  expect(en.message).toMatch(/someone else in your company/);
  expect(en.message).toContain('plovdiv-partners.example');
  expect(bg.message).toMatch(CYRILLIC);
  expect(bg.message).toContain('plovdiv-partners.example');
  expect(bg.message).not.toMatch(/\{domain\}/);

  const invalidEn = (await stepIn('en-US', wizard, 'ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'not-an-email' }))
    .userErrors;
  const invalidBg = (await stepIn('bg', wizard, 'ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'not-an-email' })).userErrors;
  expect(invalidEn).toEqual([{ code: 'INVALID_EMAIL', field: ['input', 'delegateEmail'], message: 'Enter a valid email address.' }]);
  expect(invalidBg).toEqual([{ code: 'INVALID_EMAIL', field: ['input', 'delegateEmail'], message: expect.stringMatching(CYRILLIC) }]);
});

test('a language the API does not speak falls back to English; Bulgarian wins when the browser prefers it', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'elena@burgas-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  const input = { adminEmail: 'it@burgas-customer.example' };
  const english = 'This step is not available yet: answer the earlier steps first.';

  expect((await stepIn('fr-FR,fr;q=0.9', wizard, 'SetCustomerAdmin', input)).userErrors[0].message).toBe(english);
  expect((await stepIn('en;q=0.5,bg', wizard, 'SetCustomerAdmin', input)).userErrors[0].message).toMatch(CYRILLIC);
  expect((await stepIn('bg;q=0.3,en', wizard, 'SetCustomerAdmin', input)).userErrors[0].message).toBe(english);
});

test('opening a bad link is refused in the language asked for', async () => {
  const start = (language?: string) =>
    h.gql(
      `mutation ($token: String!) { provisioningStart(input: { token: $token }) { sessionToken ${USER_ERRORS} } }`,
      { token: 'not-a-real-link' },
      { language },
    );
  const en = (await start()).data.provisioningStart;
  const bg = (await start('bg')).data.provisioningStart;
  expect(en).toEqual({ sessionToken: null, userErrors: [expect.objectContaining({ code: 'INVALID_LINK', field: ['input', 'token'] })] });
  expect(en.userErrors[0].message).toMatch(/^This Set up now link is not valid/);
  expect(bg).toEqual({ sessionToken: null, userErrors: [expect.objectContaining({ code: 'INVALID_LINK', field: ['input', 'token'] })] });
  expect(bg.userErrors[0].message).toMatch(CYRILLIC);
});

test('the confirmation message is in Bulgarian when the contact asks for it', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'dimitar@rila-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!, { language: 'bg-BG,bg;q=0.9,en;q=0.8' });
  const ready = await partnerReadyToConfirm(wizard, {
    partnerAdmin: 'admin@rila-partners.example',
    customerAdmin: 'it@pirin-customer.example',
  });
  expect(ready.userErrors).toEqual([]);

  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.order).toMatchObject({ id: order.id, status: 'MAPPED' });
  expect(confirmed.message).toMatch(CYRILLIC);
  expect(confirmed.message).not.toMatch(/has been mapped/);
  // The org names are filled in, untranslated.
  expect(confirmed.message).toContain('Northwind Partners');
  expect(confirmed.message).toContain('Contoso GmbH');

  // Confirming again, now asking for English, gives the same result in English.
  const english = await h.gql(
    `mutation { provisioningConfirm(input: {}) { message customerOrg { id } ${USER_ERRORS} } }`,
    {},
    { token: wizard.sessionToken, language: 'en-US' },
  );
  expect(english.data.provisioningConfirm.userErrors).toEqual([]);
  expect(english.data.provisioningConfirm.customerOrg.id).toBe(confirmed.customerOrg.id);
  expect(english.data.provisioningConfirm.message).toMatch(/^The order has been mapped to Northwind Partners and Contoso GmbH/);
});

test('the confirmation message of a customer setting up its own order is in Bulgarian too', async () => {
  const { linkToken } = await bookOrder(h, { provisioningContactEmail: 'petya@vitosha-customer.example' });
  const wizard = await WizardClient.open(h, linkToken!, { language: 'bg' });
  await wizard.step('ChooseRole', { role: 'CUSTOMER' });
  await wizard.step('SetCustomerCompany', { companyName: 'Vitosha EOOD', countryCode: 'BG' });
  await wizard.step('ChooseCustomerOrg', { choice: 'NEW' });
  const confirmed = await wizard.confirm();
  expect(confirmed.userErrors).toEqual([]);
  expect(confirmed.partnerOrg).toBeNull();
  expect(confirmed.message).toMatch(CYRILLIC);
  expect(confirmed.message).toContain('Vitosha EOOD');
  expect(confirmed.message).not.toMatch(/mapped/);
});

test('an action in another language moves the order to it even when refused, and the email it sends is in it', async () => {
  const { order, linkToken } = await bookOrder(h, { provisioningContactEmail: 'elena@plovdiv-partners.example' });
  const wizard = await WizardClient.open(h, linkToken!);
  const languageOfOrder = async () =>
    (await h.gql(`query ($id: ID!) { order(id: $id) { language } }`, { id: order.id }, { token: h.commerceKey })).data.order.language;
  expect(await languageOfOrder()).toBe('en');

  const refused = await stepIn('bg', wizard, 'SetCustomerCompany', { companyName: 'Plovdiv Soft OOD', countryCode: 'BG' });
  expect(refused.userErrors.map((error: { code: string }) => error.code)).toEqual(['STEP_OUT_OF_ORDER']);
  expect(await languageOfOrder()).toBe('bg');

  expect((await stepIn('en', wizard, 'ChooseRole', { role: 'PARTNER' })).userErrors).toEqual([]);
  expect(await languageOfOrder()).toBe('en');
  const delegated = await stepIn('bg', wizard, 'ChooseSetupPerformer', {
    performer: 'OTHER',
    delegateEmail: 'stoyan@plovdiv-partners.example',
  });
  expect(delegated.userErrors).toEqual([]);
  expect(await languageOfOrder()).toBe('bg');
  await h.deliverMail();
  const handedOver = h.emails.filter((mail) => mail.to === 'stoyan@plovdiv-partners.example').pop();
  expect(handedOver?.subject).toMatch(CYRILLIC);
});
