import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

test('the external prover command is refused with the reason when unusable, saved, kept across a reload, and removed', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/settings`);
  const card = page.getByRole('region', { name: 'External prover' });
  const command = card.getByLabel('Command, one argument per line');
  await expect(command).toHaveValue('');
  await expect(command).toHaveAccessibleDescription(/Placeholders: \{input_url\}, \{input_file\}, \{output_file\}/);

  // A command that takes no input is refused, and what was typed stays.
  await command.fill('./compute-proof.sh\n--fast');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(command).toHaveAccessibleDescription(/the command takes no input: add \{input_url\} or \{input_file\}/);
  await expect(command).toHaveValue('./compute-proof.sh\n--fast');

  await command.fill('./compute-proof.sh\n{input_url}\n');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('status')).toHaveText(/^Saved\./);
  await page.reload();
  await expect(card.getByLabel('Command, one argument per line')).toHaveValue('./compute-proof.sh\n{input_url}');

  await card.getByRole('button', { name: 'Remove' }).click();
  await expect(card.getByRole('status')).toHaveText(/^Removed\./);
  await expect(card.getByLabel('Command, one argument per line')).toHaveValue('');
  await expect(card.getByRole('button', { name: 'Remove' })).toBeDisabled();
  expect(problems).toEqual([]);
});
