/** Every email renders a subject, a text part and an HTML part in English and in Bulgarian, with every value escaped. */
import { compiledHtmlLayout } from '../../server/mail/layout-emit';
import { EmailKind } from '../../server/mail/outbox-email.entity';
import { COMPILED_HTML_LAYOUT } from '../../server/mail/template-layout.compiled';
import {
  CONTROL_HUB_URL,
  delegatedSetupLinkEmail,
  OrderFacts,
  previewEmail,
  setupLinkEmail,
  setupReminderEmail,
  webhookEndpointDisabledEmail,
  welcomeEmail,
} from '../../server/mail/templates';
import { LANGUAGES } from '../../server/platform/messages';

const URL = 'https://setup.test/setup/wxl_abc-DEF_123';

function order(language: 'en' | 'bg', overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    subscriptionId: 'Sub-TPL-1',
    commerceOrderNumber: 'CO-1',
    purchaseOrderNumber: 'PO-9',
    offerCode: 'A-WXCC-STD',
    seats: 25,
    requestedStartDate: '2026-11-24',
    setupWindowDays: 30,
    windowClosesAt: new Date('2026-12-24T09:00:00Z'),
    language,
    ...overrides,
  };
}

/** What each email says first in each language: the check that the part is in that language. */
const OPENING: Record<EmailKind, Record<'en' | 'bg', string>> = {
  SETUP_LINK: { en: 'is ready to be set up', bg: 'е готова за настройка' },
  DELEGATED_SETUP_LINK: { en: 'asked you to set up', bg: 'ви помоли да настроите' },
  SETUP_REMINDER: { en: 'has not been set up yet', bg: 'още не е настроена' },
  WELCOME: { en: 'has been mapped to your organization', bg: 'е свързана с вашата организация' },
  CASE_RESOLVED: { en: 'you reported', bg: 'докладвахте' },
  WEBHOOK_ENDPOINT_DISABLED: { en: 'has failed since', bg: 'са неуспешни от' },
};

/** What each email's subject names: the order, or for the notice to staff the endpoint. */
const SUBJECT_NAMES: Partial<Record<EmailKind, string>> = {
  WEBHOOK_ENDPOINT_DISABLED: 'https://erp.example.com/webex/webhooks',
};

describe.each(LANGUAGES)('in %s', (language) => {
  test.each(Object.values(EmailKind))('%s has a subject, a text part and an HTML part in the language', async (kind) => {
    const email = await previewEmail(kind, language);
    expect(email.subject).toContain(SUBJECT_NAMES[kind] ?? 'Sub-EXAMPLE-0001');
    expect(email.text).toContain(OPENING[kind][language]);
    expect(email.html).toContain(OPENING[kind][language]);
    expect(email.html).toMatch(new RegExp(`^<!doctype html>[\\s\\S]*<html lang="${language}"`, 'i'));
    // The text part is plain: no markup, no entities.
    expect(email.text).not.toMatch(/<[a-z/]|&[a-z#0-9]+;/i);
    // Nothing of the template language is left over.
    expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/\{\{|\}\}/);
  });

  test('the emails with a link carry it in both parts, with the date the window closes', async () => {
    for (const render of [
      () => setupLinkEmail(order(language), URL),
      () => delegatedSetupLinkEmail(order(language), URL, 'ana@partner.test'),
      () => setupReminderEmail(order(language), URL),
    ]) {
      const email = await render();
      expect(email.text).toContain(URL);
      expect(email.html).toContain(`href="${URL}"`);
      expect(email.text).toContain(language === 'en' ? '24 December 2026' : '24 декември 2026');
      expect(email.text).toContain(language === 'en' ? 'do not forward the link' : 'не препращайте връзката');
    }
  });

  test('the welcome email holds no Set up now link: it leads to Control Hub and says what comes next', async () => {
    const customer = { name: 'Acme', dataResidencyRegion: 'eu2' };
    const withPartner = await welcomeEmail(order(language), customer, { name: 'Partner Co' });
    const alone = await welcomeEmail(order(language), customer, null);
    for (const email of [withPartner, alone]) {
      expect(email.text).toContain(CONTROL_HUB_URL);
      expect(email.html).toContain(`href="${CONTROL_HUB_URL}"`);
      expect(email.text).not.toMatch(/\/setup\//);
      expect(email.text).not.toMatch(/forward|препращайте/);
      expect(email.text).toContain('Control Hub');
    }
    expect(withPartner.text).toContain(
      language === 'en' ? 'Partner Co finishes setting up Acme in Control Hub' : 'Partner Co завършва настройката на Acme в Control Hub',
    );
    expect(alone.text).toContain(
      language === 'en' ? 'hand contact center administration over' : 'предайте администрирането на контактния център',
    );
  });

  test('values are escaped in the HTML part and left as they are in the text part', async () => {
    const evil = '<script>alert("x")</script> & Co';
    const email = await welcomeEmail(
      order(language, { purchaseOrderNumber: evil, subscriptionId: 'Sub-<b>' }),
      { name: evil, dataResidencyRegion: 'eu2' },
      { name: `"Partner" <img src=x onerror=alert(1)>` },
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(email.text).toContain(evil);
    expect(email.subject).toContain(evil);

    const delegated = await delegatedSetupLinkEmail(order(language), `${URL}?a=1&b="2"`, '<x@y.test>');
    expect(delegated.html).toContain('&lt;x@y.test&gt;');
    expect(delegated.html).toContain('href="https://setup.test/setup/wxl_abc-DEF_123?a&#x3D;1&amp;b&#x3D;&quot;2&quot;"');
  });
});

describe.each(LANGUAGES)('the webhook endpoint disabled email in %s', (language) => {
  const endpoint = {
    id: '4a6f1f0e-8a51-4a39-9d5e-5b0b2a1c7d10',
    url: 'https://hooks.test/in?a=1&b=2',
    description: 'ERP <orders>',
    failingSince: new Date('2026-11-20T10:00:00Z'),
    disabledAt: new Date('2026-11-23T10:05:00Z'),
    lastResponseCode: 502,
    lastError: '<html>Bad gateway</html>',
  };

  test('names the endpoint, since when it failed, the last answer, what to do, and links to its console page', async () => {
    const email = await webhookEndpointDisabledEmail(endpoint, 'https://console.test/', language);
    const link = `https://console.test/admin/webhooks/${endpoint.id}/show`;
    expect(email.subject).toContain(endpoint.url);
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).toContain(endpoint.url);
    expect(email.text).toContain('ERP <orders>');
    expect(email.text).toContain('HTTP 502, <html>Bad gateway</html>');
    expect(email.text).toContain(language === 'en' ? '20 November 2026' : '20 ноември 2026');
    expect(email.text).toContain(language === 'en' ? 'fix the receiver' : 'поправете получателя');
    expect(email.text).toContain(language === 'en' ? 'enable the endpoint again' : 'включете крайната точка отново');
    expect(email.text).toContain(language === 'en' ? 'time range it missed again' : 'пропуснатия период');
    // The receiver's answer and the description are the outside world's words: escaped in the HTML part.
    expect(email.html).not.toContain('<orders>');
    expect(email.html).not.toContain('<html>Bad');
    expect(email.html).toContain('ERP &lt;orders&gt;');
    expect(email.html).toContain('https://hooks.test/in?a&#x3D;1&amp;b&#x3D;2');
  });

  test('without an answer it gives the error alone; with neither, a dash', async () => {
    const timedOut = await webhookEndpointDisabledEmail(
      { ...endpoint, lastResponseCode: null, lastError: 'no answer within 10000 ms' },
      'https://console.test',
      language,
    );
    expect(timedOut.text).toMatch(/: no answer within 10000 ms\./);
    const bare = await webhookEndpointDisabledEmail(
      { ...endpoint, lastResponseCode: null, lastError: null },
      'https://console.test',
      language,
    );
    expect(bare.text).toMatch(/: -\./);
  });
});

test('an order without a purchase order number shows no such line', async () => {
  const email = await setupLinkEmail(order('en', { purchaseOrderNumber: null }), URL);
  expect(email.text).not.toContain('Purchase order number');
  expect(email.text).toContain('Commerce order number: CO-1');
});

test('the HTML layout the server fills is the MJML layout compiled (npm run email-layout writes it)', async () => {
  expect(COMPILED_HTML_LAYOUT).toBe(await compiledHtmlLayout());
});
