/** Choosing a country in the Set up now page's country combobox, as a person does: type a few letters, pick from the list. */
import type { Page } from 'playwright-core';

/** Types `typed` into the combobox labelled `label` and clicks the option of the country `code`. */
export async function chooseCountry(page: Page, label: string, typed: string, code: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(typed);
  await page.locator(`[role="option"][data-code="${code}"]`).click();
  await page.waitForFunction(
    (id) => document.getElementById(id)?.getAttribute('aria-expanded') === 'false',
    (await box.getAttribute('id'))!,
  );
}
