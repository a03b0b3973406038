import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

test('the desktop settings are changed, saved and kept across a reload, with a note that headless they apply only in the desktop app', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/settings`);
  const card = page.getByRole('region', { name: 'Desktop' });
  await expect(card.getByRole('note')).toHaveText(/running headless.*take effect in the desktop app/);

  const startAtLogin = card.getByRole('group', { name: 'Start at login' });
  const acceleration = card.getByRole('group', { name: 'Hardware acceleration of the interface' });
  const closeToTray = card.getByRole('checkbox', { name: 'Keep proving in the tray when the window is closed' });
  const jobFailed = card.getByRole('checkbox', { name: 'A job failed' });
  const dailySummary = card.getByRole('checkbox', { name: 'A summary of the day, at 20:00' });
  const save = card.getByRole('button', { name: 'Save' });

  // The defaults: no start at login, close to the tray, every notice but the daily summary, automatic acceleration.
  await expect(startAtLogin.getByRole('radio', { name: 'Off', exact: true })).toBeChecked();
  await expect(closeToTray).toBeChecked();
  await expect(closeToTray).toHaveAccessibleDescription('Off: closing the window quits ProverDesk.');
  for (const name of ['A job failed', 'A proof was rejected', 'A job may miss its deadline', 'A market cannot be reached for 10 minutes']) {
    await expect(card.getByRole('checkbox', { name })).toBeChecked();
  }
  await expect(dailySummary).not.toBeChecked();
  await expect(acceleration.getByRole('radio', { name: /^Automatic/ })).toBeChecked();
  await expect(acceleration).toHaveAccessibleDescription(/^Applies at the next start\./);
  await expect(save).toBeDisabled();

  await startAtLogin.getByRole('radio', { name: 'On, minimised to the tray' }).check();
  await closeToTray.uncheck();
  await jobFailed.uncheck();
  await dailySummary.check();
  await acceleration.getByRole('radio', { name: 'Off', exact: true }).check();
  await expect(card.getByText('Unsaved changes')).toBeVisible();
  await save.click();
  await expect(card.getByRole('status')).toHaveText('Saved. They take effect when ProverDesk runs as the desktop app.');
  await expect(save).toBeDisabled();

  await page.reload();
  await expect(startAtLogin.getByRole('radio', { name: 'On, minimised to the tray' })).toBeChecked();
  await expect(closeToTray).not.toBeChecked();
  await expect(jobFailed).not.toBeChecked();
  await expect(card.getByRole('checkbox', { name: 'A proof was rejected' })).toBeChecked();
  await expect(dailySummary).toBeChecked();
  await expect(acceleration.getByRole('radio', { name: 'Off', exact: true })).toBeChecked();
  await expect(card.getByRole('note')).toBeVisible();

  // What the page saved is what the core keeps.
  const stored = await page.request.post(`${app.baseUrl}api/v1/rpc`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { v: 1, kind: 'query', name: 'desktop.get', input: {} },
  });
  expect(await stored.json()).toEqual({
    ok: true,
    result: {
      applies: false,
      settings: {
        startAtLogin: 'minimised',
        closeToTray: false,
        notifications: { jobFailed: false, jobRejected: true, deadlineAtRisk: true, marketDisconnected: true, dailySummary: true },
        hardwareAcceleration: 'off',
      },
    },
  });
  expect(problems).toEqual([]);
});
