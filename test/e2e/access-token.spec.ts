import { expect, test } from './app-fixture.js';

test('a browser without the token link is refused and told to use it', async ({ browser, app }) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const response = await page.goto(app.baseUrl);
    expect(response?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('token');

    const wrongToken = await page.goto(`${app.baseUrl}?token=not-the-token`);
    expect(wrongToken?.status()).toBe(401);
  } finally {
    await context.close();
  }
});
