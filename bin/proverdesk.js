#!/usr/bin/env node
// Entry point of the `proverdesk` command; the code lives in the build (dist/main), made by `npm run build`.
import { existsSync } from 'node:fs';

const cliUrl = new URL('../dist/main/headless/cli.js', import.meta.url);
if (!existsSync(cliUrl)) {
  process.stderr.write('ProverDesk is not built yet: run "npm run build" (npm install does it for you).\n');
  process.exit(1);
}
const { main, describeCommandError, UsageError } = await import(cliUrl.href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const command = process.argv[2];
  const prefix = command === 'start' ? 'ProverDesk could not start' : `proverdesk ${command}`;
  process.stderr.write(`${prefix}: ${describeCommandError(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
