// Settings → Resources and the governor's banner: the limits are shown with their defaults, validated like the
// core validates them, saved and kept across a reload; with work coming in, a CPU-time limit throttles proving,
// a snooze pauses it, "Resume now" undoes the snooze, and the next job's history shows the limit at work.
import type { Page } from '@playwright/test';
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

// Work comes in for the banner's test; a describe group cannot switch this (it would need another app).
test.use({ practice: true });

const openPage = (page: Page, title: string) => page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: title, exact: true }).click();

test('the Resources page shows the defaults, keeps a saved CPU-time limit across a reload, and refuses a bad one', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/settings`);
  await openPage(page, 'Resources');
  await expect(page).toHaveURL(/#\/resources$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resources');

  const cpu = page.getByRole('region', { name: 'CPU', exact: true });
  await expect(cpu.getByRole('radio', { name: /^All but one \(\d+\)$/ })).toBeChecked();
  await expect(cpu.getByLabel('Threads')).toBeDisabled();
  const limit = cpu.getByLabel('CPU-time limit (%)');
  await expect(limit).toHaveValue('100');
  await expect(limit).toHaveAccessibleDescription(/applies to the running job at once/);
  await expect(page.getByRole('region', { name: 'Memory' }).getByRole('radio', { name: /^Default \([\d.]+ GiB\)$/ })).toBeChecked();
  await expect(page.getByRole('region', { name: 'Priority' }).getByLabel('Run the engine at low priority')).toBeChecked();
  const save = page.getByRole('button', { name: 'Save' });
  await expect(save).toBeDisabled(); // nothing changed yet

  await limit.fill('50');
  await expect(cpu.getByRole('slider', { name: 'CPU-time limit' })).toHaveValue('50');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await save.click();
  await expect(page.getByRole('status')).toHaveText(/^Saved\./);
  await expect(save).toBeDisabled();
  await page.reload();
  await expect(limit).toHaveValue('50');

  // 0 % is refused next to the field; neither Save nor Enter sends it.
  await limit.fill('0');
  await expect(limit).toHaveAccessibleDescription(/must be at least 1/);
  await expect(save).toBeDisabled();
  await limit.press('Enter');
  await limit.fill('12.5');
  await expect(limit).toHaveAccessibleDescription(/must be a whole number/);
  await page.reload();
  await expect(limit).toHaveValue('50');
  expect(problems).toEqual([]);
});

test('a CPU-time limit throttles proving, a snooze pauses it, and Resume now undoes the snooze', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  // 40 %, not the first test's 50 %, so that there is a change to save whichever test ran first.
  await page.goto(`${app.url}#/resources`);
  await page.getByLabel('CPU-time limit (%)').fill('40');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Saved\./);

  await openPage(page, 'Dashboard');
  const banner = page.getByRole('status', { name: 'Proving status' });
  await expect(banner.getByText(/^Throttled to 40 %: your CPU-time limit/)).toBeVisible();
  await expect(banner.getByRole('list', { name: 'Reasons' })).toContainText('your CPU-time limit');

  await banner.getByRole('group', { name: 'Snooze everything' }).getByRole('button', { name: '1 h' }).click();
  await expect(banner.getByText(/^Paused: snoozed until /)).toBeVisible();
  await expect(banner).toContainText(/Snoozed until (tomorrow )?\d/);
  await banner.getByRole('button', { name: 'Resume now' }).click();
  await expect(banner.getByText(/^Throttled to 40 %: your CPU-time limit/)).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Resume now' })).toHaveCount(0);
  await banner.getByRole('button', { name: 'Pause until I resume' }).click();
  await expect(banner.getByText('Paused: paused by you')).toBeVisible();
  await expect(banner).toContainText('Paused until you resume');
  await banner.getByRole('button', { name: 'Resume now' }).click();
  await expect(banner.getByText(/^Throttled to 40 %: your CPU-time limit/)).toBeVisible();

  // The same banner sits above the Jobs table; snoozing GPU work only leaves the CPU throttle as it was.
  await openPage(page, 'Jobs');
  const jobsBanner = page.getByRole('status', { name: 'Proving status' });
  await jobsBanner.getByRole('group', { name: 'Snooze GPU work only' }).getByRole('button', { name: 'Until tomorrow' }).click();
  await expect(jobsBanner).toContainText(/GPU work snoozed until tomorrow/);
  await expect(jobsBanner.getByText(/^Throttled to 40 %: your CPU-time limit/)).toBeVisible();
  await jobsBanner.getByRole('button', { name: 'Resume now' }).click();
  await expect(jobsBanner.getByRole('button', { name: 'Resume now' })).toHaveCount(0);

  // The next practice job (one every 20 s) is proven under the limit, and its history says so.
  test.setTimeout(120_000);
  const rows = page.locator('.jobs-table tbody tr');
  const before = await rows.count();
  await expect(rows).toHaveCount(before + 1, { timeout: 60_000 });
  await expect(rows.first()).toContainText('accepted', { timeout: 30_000 });
  await rows.first().getByRole('button').click();
  await expect(page.getByRole('list', { name: 'Events' })).toContainText('throttled to 40 %: your CPU-time limit');
  expect(problems).toEqual([]);
});

test('memory in GiB, a temperature cap turned off, the weekly schedule and the exclusive programs are saved and kept', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/resources`);
  const memory = page.getByRole('region', { name: 'Memory' });
  const memoryLimit = memory.getByLabel('Memory limit (GiB)');
  await expect(memoryLimit).toBeDisabled();
  await memory.getByRole('radio', { name: 'A set limit' }).check();
  await memoryLimit.fill('0.01');
  await expect(memoryLimit).toHaveAccessibleDescription(/must be at least \d+ MiB/);
  await memoryLimit.fill('6.5');

  const heat = page.getByRole('region', { name: 'Heat' });
  await heat.getByLabel('Cap the GPU temperature').uncheck();
  await expect(heat.getByLabel('GPU cap (°C)')).toBeDisabled();

  const when = page.getByRole('region', { name: 'When to run' });
  await when.getByLabel('Prove only in the hours marked below').check();
  const mondayNine = when.getByRole('button', { name: 'Mon 09:00' });
  await expect(mondayNine).toHaveAttribute('aria-pressed', 'true');
  await mondayNine.click();
  await expect(mondayNine).toHaveAttribute('aria-pressed', 'false');

  // Names are kept as the rule compares them (no .exe); Enter in the name's field adds, it does not save the page.
  const programs = when.getByRole('list', { name: 'Exclusive programs' });
  const removed = (await programs.getByRole('listitem').first().locator('span').textContent())!;
  await programs.getByRole('button', { name: `Remove ${removed}` }).click();
  await when.getByLabel('Program name').fill('Blender.exe');
  await when.getByLabel('Program name').press('Enter');
  await expect(programs.getByRole('listitem').last()).toHaveText(/^Blender/);
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Saved\./);
  await page.reload();
  await expect(memoryLimit).toHaveValue('6.5');
  await expect(heat.getByLabel('Cap the GPU temperature')).not.toBeChecked();
  await expect(heat.getByLabel('Cap the CPU temperature')).toBeChecked();
  await expect(when.getByLabel('Prove only in the hours marked below')).toBeChecked();
  await expect(mondayNine).toHaveAttribute('aria-pressed', 'false');
  await expect(when.getByRole('button', { name: 'Mon 10:00' })).toHaveAttribute('aria-pressed', 'true');
  await expect(programs.getByRole('button', { name: 'Remove Blender' })).toBeVisible();
  await expect(programs.getByRole('button', { name: `Remove ${removed}` })).toHaveCount(0);

  // The starter list comes back without losing the user's own names.
  await when.getByRole('button', { name: 'Restore the starter list' }).click();
  await expect(programs.getByRole('button', { name: `Remove ${removed}` })).toBeVisible();
  await expect(programs.getByRole('button', { name: 'Remove Blender' })).toBeVisible();
  await expect(when.getByRole('button', { name: 'Restore the starter list' })).toBeDisabled();
  expect(problems).toEqual([]);
});
