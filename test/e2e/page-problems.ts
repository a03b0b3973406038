// Collects what the browser reports as broken on a page: uncaught errors and console errors (a blocked
// script, style or eval under the Content-Security-Policy shows up here).
import type { Page } from '@playwright/test';

export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}
