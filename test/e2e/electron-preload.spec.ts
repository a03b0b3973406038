// The Electron binary is not on this machine, so its preload is stood in for: a `window.proverdesk` of the
// same shape that relays to the real core over the headless server (authorised by the token cookie).
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

interface PreloadScope {
  proverdesk: unknown;
  preloadCalls: string[];
  EventSource: new (url: string) => { onmessage: ((message: { data: string }) => void) | null; close(): void };
}

function installPreloadStandIn() {
  const scope = globalThis as unknown as PreloadScope;
  scope.preloadCalls = [];
  scope.proverdesk = {
    apiVersion: 1,
    async invoke(request: { name: string }) {
      scope.preloadCalls.push(request.name);
      const response = await fetch('/api/v1/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
      return response.json();
    },
    onEvent(listener: (event: unknown) => void) {
      const source = new scope.EventSource('/api/v1/events');
      source.onmessage = (message) => listener(JSON.parse(message.data));
      return () => source.close();
    },
  };
}

test('inside the desktop window the UI talks to the core through the preload API', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.addInitScript(installPreloadStandIn);
  await page.goto(`${app.url}#/hardware`);

  const samples = page.getByTestId('sample-count');
  const sampleCount = async () => Number(await samples.getAttribute('data-count'));
  await expect(page.getByTestId('cpu-load')).toHaveText(/^\d{1,3}\.\d %$/);
  const firstCount = await sampleCount();
  await expect.poll(sampleCount).toBeGreaterThanOrEqual(firstCount + 2);

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('keychain-status')).toBeVisible();

  const calls = await page.evaluate(() => (globalThis as unknown as PreloadScope).preloadCalls);
  expect(calls).toEqual(expect.arrayContaining(['app.info', 'hardware.current', 'secrets.status']));
  // The HTTP bridge, which keeps the token for the tab, never ran.
  expect(await page.evaluate('sessionStorage.getItem("proverdesk.token")')).toBeNull();
  expect(problems).toEqual([]);
});
