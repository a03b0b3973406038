// `proverdesk <command>`: the command line. `npm start` runs `proverdesk start`.
import { findPackage } from './package-root.js';
import { UsageError } from './cli-options.js';
import { DEV_SETUP_HELP, devSetup } from './commands/dev-setup.js';
import { calibrate, CALIBRATE_HELP } from './commands/calibrate.js';
import { coordinator, COORDINATOR_HELP } from './commands/coordinator.js';
import { devices } from './commands/devices.js';
import { jobs, JOBS_HELP } from './commands/jobs.js';
import { organisation, ORGANISATION_HELP } from './commands/organisation.js';
import { prove, PROVE_HELP } from './commands/prove.js';
import { resources, RESOURCES_HELP } from './commands/resources.js';
import { sandbox, SANDBOX_HELP } from './commands/sandbox.js';
import { start, START_HELP } from './commands/start.js';
import { verify, VERIFY_HELP } from './commands/verify.js';

export { UsageError };

const HELP = `ProverDesk: a desktop prover for zero-knowledge proof markets.

Usage: proverdesk <command> [options]

Commands:
  start      Start ProverDesk: the desktop window where Electron is available, else headless.
  prove      Make a Groth16 proof of a circom circuit with the native engine.
  verify     Check a Groth16 proof against its verification key.
  devices    List the devices the native engine can prove on.
  coordinator  Add, list or remove coordinators (batch API, donation).
  jobs       List jobs and their states.
  org        An organisation on a donation server: upload programs and inputs, verify and accept proofs.
  calibrate  Measure how fast this machine proves, for the scheduler's predictions.
  resources  Show or change the resource limits (threads, CPU time, memory, when to run, heat); snooze.
  sandbox    Run a sandbox coordinator server alone, to try a client against it.
  dev-setup  Make an INSECURE test-only Groth16 key for a circuit (benchmarks only).
  help       Show this help.
  --version  Print the version.

${START_HELP}
${PROVE_HELP}
${VERIFY_HELP}
${DEV_SETUP_HELP}
${COORDINATOR_HELP}
${JOBS_HELP}
${CALIBRATE_HELP}
${RESOURCES_HELP}
${ORGANISATION_HELP}
${SANDBOX_HELP}`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { start, prove, verify, devices, 'dev-setup': devSetup, coordinator, jobs, sandbox, calibrate, resources, org: organisation };

export async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${findPackage().version}\n`);
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (run) return run(rest);
  process.stderr.write(`proverdesk: unknown command '${command}'. Run "proverdesk --help" for the list.\n`);
  return 2;
}

export function describeCommandError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the port is already in use; pick another with --port, or 0 for any free port';
  return error instanceof Error ? error.message : String(error);
}
