/**
 * An order's emails are in its language: the one orderSubmit gave (en by default), then the one its contact last
 * used the wizard in (the Accept-Language of the wizard's requests). An unknown language is refused, naming the field.
 */
import { Harness, startHarness } from '../support/harness';
import { partnerReadyToConfirm, USER_ERRORS, WizardClient } from '../support/wizard';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let sequence = 0;

async function submit(contact: string, language?: string) {
  sequence += 1;
  const result = await h.gql(
    `mutation ($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id subscriptionId language } ${USER_ERRORS} } }`,
    {
      input: {
        subscriptionId: `Sub-lang-${sequence}`,
        commerceOrderNumber: `CO-L-${sequence}`,
        offerCode: 'WXCC-STD',
        seats: 5,
        requestedStartDate: h.clock.now().toISOString().slice(0, 10),
        provisioningContactEmail: contact,
        ...(language === undefined ? {} : { language }),
      },
    },
    { token: h.commerceKey },
  );
  await h.deliverMail();
  return result.data.orderSubmit;
}

function lastEmailTo(to: string) {
  const email = h.emails.filter((mail) => mail.to === to).pop();
  if (!email) throw new Error(`no email to ${to}`);
  return email;
}

function tokenIn(text: string): string {
  return /\/setup\/(wxl_[A-Za-z0-9_-]+)/.exec(text)![1];
}

async function languageOf(orderId: string, token: string): Promise<string> {
  return (await h.gql(`query ($id: ID!) { order(id: $id) { language } }`, { id: orderId }, { token })).data.order.language;
}

test('an unknown language is refused as INVALID_LANGUAGE on the field; nothing is booked', async () => {
  for (const language of ['fr', 'BG', '', 'english']) {
    const payload = await submit(`refused-${language}@partner.example`, language);
    expect(payload).toEqual({
      order: null,
      userErrors: [
        {
          field: ['input', 'language'],
          code: 'INVALID_LANGUAGE',
          message: 'Enter the language of the emails as en (English) or bg (Bulgarian).',
        },
      ],
    });
  }
  expect(h.emails.filter((mail) => mail.to.startsWith('refused-'))).toEqual([]);
});

test('an order submitted in Bulgarian gets its Set up now email in Bulgarian; staff and the commerce key read its language', async () => {
  const payload = await submit('bg-contact@partner.example', 'bg');
  expect(payload.userErrors).toEqual([]);
  expect(payload.order.language).toBe('bg');
  const email = lastEmailTo('bg-contact@partner.example');
  expect(email.subject).toBe(`Настройте сега: поръчка ${payload.order.subscriptionId} за Webex Contact Center`);
  expect(email.text).toContain('е готова за настройка');
  expect(await languageOf(payload.order.id, h.commerceKey)).toBe('bg');
  expect(await languageOf(payload.order.id, await h.staffToken('ANALYST'))).toBe('bg');

  const plain = await submit('en-contact@partner.example');
  expect(plain.order.language).toBe('en');
  expect(lastEmailTo('en-contact@partner.example').subject).toBe(`Set up now: Webex Contact Center order ${plain.order.subscriptionId}`);
});

test('a contact who uses the wizard in English switches a Bulgarian order: the hand-over and the next emails are in English', async () => {
  const payload = await submit('maria@bg-partner.example', 'bg');
  const token = tokenIn(lastEmailTo('maria@bg-partner.example').text);

  const wizard = await WizardClient.open(h, token, { language: 'en' });
  expect(await languageOf(payload.order.id, h.commerceKey)).toBe('en');
  await wizard.step('ChooseRole', { role: 'PARTNER' });
  await wizard.step('ChooseSetupPerformer', { performer: 'OTHER', delegateEmail: 'georgi@bg-partner.example' });
  await h.deliverMail();
  const handedOver = lastEmailTo('georgi@bg-partner.example');
  expect(handedOver.subject).toBe(
    `Set up now: Webex Contact Center order ${payload.order.subscriptionId} (handed over by maria@bg-partner.example)`,
  );

  // The colleague runs the wizard in Bulgarian: the order is Bulgarian again, and so is the welcome email.
  const colleague = await WizardClient.open(h, tokenIn(handedOver.text), { language: 'bg' });
  expect(await languageOf(payload.order.id, h.commerceKey)).toBe('bg');
  await partnerReadyToConfirm(colleague, { partnerAdmin: 'admin@bg-partner.example', customerAdmin: 'admin@bg-customer.example' });
  expect((await colleague.confirm()).order.status).toBe('MAPPED');
  await h.deliverMail();
  const welcome = lastEmailTo('admin@bg-customer.example');
  expect(welcome.subject).toMatch(/^Добре дошли в Webex Contact Center: поръчка Sub-lang-\d+ е свързана с Contoso GmbH$/);
  expect(welcome.text).toContain('https://admin.webex.com');
});

test('switching languages mid-wizard moves the reminders with it', async () => {
  const payload = await submit('petar@partner.example');
  const wizard = await WizardClient.open(h, tokenIn(lastEmailTo('petar@partner.example').text), { language: 'en' });
  expect(await languageOf(payload.order.id, h.commerceKey)).toBe('en');
  await h.gql(
    `mutation { provisioningChooseRole(input: { role: PARTNER }) { ${USER_ERRORS} } }`,
    {},
    { token: wizard.sessionToken, language: 'bg' },
  );
  expect(await languageOf(payload.order.id, h.commerceKey)).toBe('bg');

  h.clock.advanceMinutes(7 * 24 * 60);
  await h.services.orders.sendDueReminders();
  await h.deliverMail();
  expect(lastEmailTo('petar@partner.example').subject).toMatch(/^Напомняне: настройте поръчка Sub-lang-\d+ за Webex Contact Center преди /);
});
