// Runs keychain-probe.mjs in a child Node process and collects its report and how it ended.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ProbeStep = 'status' | 'set' | 'get' | 'delete' | 'list';

export interface ProbePlan {
  modulePath: string;
  service: string;
  account: string;
  secret: string;
  timeoutMs: number;
  steps: ProbeStep[];
}

export interface ProbeError {
  name: string;
  code: string;
  message: string;
  unavailable: boolean;
}

export type ProbeResult =
  | { step: ProbeStep; ok: true; value: unknown }
  | { step: ProbeStep; ok: false; error: ProbeError };

export interface ProbeRun {
  steps: ProbeResult[];
  /** Null when the probe was killed on purpose (`killAfterReport`). */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  stderr: string;
}

const PROBE = fileURLToPath(new URL('./keychain-probe.mjs', import.meta.url));

/** Keychain environment of the child: the given D-Bus address, and no display to autolaunch a bus with. */
export function probeEnv(dbusAddress: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: dbusAddress, ...extra };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

/**
 * `killAfterReport` is for runs that leave a native keychain call hanging: Node waits for such a call before it
 * exits (libsecret gives up after ~25 s), so the test ends the probe itself once it has reported.
 */
export function runProbe(plan: ProbePlan, env: NodeJS.ProcessEnv, killAfterReport = false): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PROBE, JSON.stringify(plan)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const finish = (exit: ProbeRun['exit']): void => {
      try {
        resolve({ steps: (JSON.parse(stdout) as { steps: ProbeResult[] }).steps, exit, stderr });
      } catch {
        reject(new Error(`keychain probe printed no readable report: ${stdout}\nstderr:\n${stderr}`));
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (killAfterReport && stdout.endsWith('\n')) {
        child.kill('SIGKILL');
        finish(null);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killAfterReport && stdout.endsWith('\n')) return;
      if (!stdout.endsWith('\n')) {
        reject(new Error(`keychain probe ended (code ${code}, signal ${signal}) without a report; stderr:\n${stderr}`));
        return;
      }
      finish({ code, signal });
    });
  });
}

/** The result of one step of a run, by name. */
export function stepOf(run: ProbeRun, step: ProbeStep): ProbeResult {
  const found = run.steps.find((result) => result.step === step);
  if (found === undefined) throw new Error(`the probe did not run '${step}'`);
  return found;
}
