// What a page saw of a signing key: every API answer it received is recorded, and after the key was entered it
// must appear nowhere (page HTML, visible text, any answer), whatever its case.
import type { Page } from '@playwright/test';
import { expect } from '../app-fixture.js';

/** Every answer of the API the page gets, as text (the event stream is left out: it never ends). */
export function recordApiAnswers(page: Page): Promise<string>[] {
  const answers: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/v1/rpc')) answers.push(response.text().catch(() => ''));
  });
  return answers;
}

export async function expectKeyNowhere(page: Page, answers: Promise<string>[], key: string): Promise<void> {
  const secret = key.replace(/^0x/, '').toLowerCase();
  expect((await page.content()).toLowerCase()).not.toContain(secret);
  expect((await page.locator('body').innerText()).toLowerCase()).not.toContain(secret);
  for (const answer of await Promise.all(answers)) expect(answer.toLowerCase()).not.toContain(secret);
  expect(answers.length).toBeGreaterThan(0);
}
