// Turning the practice job markets (batch API, donation) off in Markets, as a user would, so a spec sees only
// the practice market it is about.
import type { Page } from '@playwright/test';
import { expect } from '../app-fixture.js';

export async function disablePracticeJobMarkets(page: Page): Promise<void> {
  for (const name of ['Practice (batch API)', 'Practice (donation)']) {
    const card = page.getByRole('region', { name });
    await card.getByRole('button', { name: 'Disable' }).click();
    await expect(card.getByTestId('coordinator-status')).toHaveText('disabled');
  }
}
