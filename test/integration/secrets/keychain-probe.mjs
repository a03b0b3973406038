// Child process for keychain tests: runs keychain operations from the compiled module under the environment
// the test chose (a dead bus, a bus without a Secret Service...) and prints one JSON line with what happened.
import { pathToFileURL } from 'node:url';

const plan = JSON.parse(process.argv[2]);
const { createKeychain } = await import(pathToFileURL(plan.modulePath).href);
const errorsPath = plan.modulePath.replace(/keychain\.js$/, 'keychain-errors.js');
const { KeychainUnavailableError } = await import(pathToFileURL(errorsPath).href);

const keychain = createKeychain({ service: plan.service, timeoutMs: plan.timeoutMs });
const operations = {
  status: () => keychain.status(),
  set: () => keychain.set(plan.account, plan.secret),
  get: () => keychain.get(plan.account),
  delete: () => keychain.delete(plan.account),
  list: () => keychain.listAccounts(),
};

const steps = [];
for (const step of plan.steps) {
  try {
    steps.push({ step, ok: true, value: (await operations[step]()) ?? null });
  } catch (error) {
    const unavailable = error instanceof KeychainUnavailableError;
    steps.push({ step, ok: false, error: { name: error.name, code: error.code, message: error.message, unavailable } });
  }
}
process.stdout.write(`${JSON.stringify({ steps })}\n`);
