// The external backend: any prover the user configures as a command, for work the native engine cannot do
// (real zkSync batches, SP1 programs). The contract is the batch API reference stub's: the input URL as an
// argument, the proof bytes on stdout, logs on stderr, a non-zero exit for failure. The command is an argv
// template (no shell), with placeholders {input_url}, {input_file} and {output_file}; with {output_file} the
// proof is read from that file instead of stdout. The process runs in its own process group, so cancelling
// kills it and anything it started.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { constants, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommandTemplate, type PLACEHOLDERS } from '../api/provers-schemas.js';

export interface ExternalBackendConfig {
  /** argv: the program, then its arguments, e.g. ["./compute-proof.sh", "{input_url}"]. */
  command: string[];
  cwd?: string;
  /** Cap on the proof's size (stdout or output file). */
  maxProofBytes: number;
  /** How long a cancelled backend gets to exit after SIGTERM before SIGKILL. */
  killGraceMs?: number;
}

export interface ExternalRun {
  inputUrl?: string;
  inputFile?: string;
  signal?: AbortSignal;
  /** Each stderr line, as it comes (the job's backend log). */
  onLog?: (line: string) => void;
  /** Extra environment, e.g. the thread limit. */
  env?: Record<string, string>;
  /** Start it at low OS priority (nice 19 / below normal); what it starts inherits that. */
  lowPriority?: boolean;
  /** Told once it runs how to pause and resume it (POSIX: its whole process group, by SIGSTOP/SIGCONT); undefined where it cannot be. */
  onStarted?: (control: { pause(): void; resume(): void } | undefined) => void;
}

export class ExternalBackendError extends Error {
  constructor(
    message: string,
    readonly reason: 'config' | 'start' | 'exit' | 'too-large' | 'cancelled',
  ) {
    super(message);
    this.name = 'ExternalBackendError';
  }
}


export async function runExternalBackend(config: ExternalBackendConfig, run: ExternalRun): Promise<Buffer> {
  const problems = checkCommandTemplate(config.command);
  if (problems.length > 0) throw new ExternalBackendError(`external backend: ${problems.join('; ')}`, 'config');
  const usesOutputFile = config.command.some((arg) => arg.includes('{output_file}'));
  const scratch = usesOutputFile ? await mkdtemp(join(tmpdir(), 'proverdesk-external-')) : undefined;
  const outputFile = scratch ? join(scratch, 'proof.bin') : undefined;
  const values: Record<(typeof PLACEHOLDERS)[number], string | undefined> = {
    '{input_url}': run.inputUrl,
    '{input_file}': run.inputFile,
    '{output_file}': outputFile,
  };
  try {
    const argv = config.command.map((arg) =>
      arg.replace(/\{input_url\}|\{input_file\}|\{output_file\}/g, (placeholder) => {
        const value = values[placeholder as keyof typeof values];
        if (value === undefined) throw new ExternalBackendError(`external backend: this job has no value for ${placeholder}`, 'config');
        return value;
      }),
    );
    const stdout = await spawnBackend(argv, config, run, usesOutputFile);
    if (!outputFile) return stdout;
    const proof = await readFile(outputFile).catch(() => {
      throw new ExternalBackendError('external backend exited without writing its output file', 'exit');
    });
    if (proof.length > config.maxProofBytes) throw new ExternalBackendError(`external backend wrote a proof larger than ${config.maxProofBytes} bytes`, 'too-large');
    return proof;
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

const STDERR_TAIL_LINES = 20;

function lowerPriority(pid: number): void {
  try {
    setPriority(pid, process.platform === 'win32' ? constants.priority.PRIORITY_BELOW_NORMAL : constants.priority.PRIORITY_LOW);
  } catch {
    // not allowed here: it runs at normal priority
  }
}

function spawnBackend(argv: string[], config: ExternalBackendConfig, run: ExternalRun, usesOutputFile: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (run.signal?.aborted) return reject(new ExternalBackendError('external backend cancelled before it started', 'cancelled'));
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: config.cwd,
      env: { ...process.env, ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: a cancel kills everything it started
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    const tail: string[] = [];
    let partialLine = '';
    let failure: ExternalBackendError | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const stop = (error: ExternalBackendError) => {
      failure ??= error;
      killGroup('SIGTERM');
      killGroup('SIGCONT'); // a paused group only acts on SIGTERM once running again
      killTimer ??= setTimeout(() => killGroup('SIGKILL'), config.killGraceMs ?? 2_000);
    };
    if (child.pid !== undefined) {
      if (run.lowPriority) lowerPriority(child.pid);
      run.onStarted?.(process.platform === 'win32' ? undefined : { pause: () => killGroup('SIGSTOP'), resume: () => killGroup('SIGCONT') });
    }
    const onAbort = () => stop(new ExternalBackendError('external backend cancelled', 'cancelled'));
    run.signal?.addEventListener('abort', onAbort, { once: true });

    const log = (line: string) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      run.onLog?.(line);
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partialLine + chunk).split(/\r?\n/);
      partialLine = lines.pop() ?? '';
      for (const line of lines) log(line);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (usesOutputFile) return; // stdout is just more log output then
      stdoutBytes += chunk.length;
      if (stdoutBytes > config.maxProofBytes) stop(new ExternalBackendError(`external backend printed more than ${config.maxProofBytes} bytes`, 'too-large'));
      else stdout.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= new ExternalBackendError(`external backend could not start ${argv[0]}: ${error.code === 'ENOENT' ? 'no such program' : error.message}`, 'start');
    });
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      run.signal?.removeEventListener('abort', onAbort);
      if (partialLine) log(partialLine);
      if (failure) return reject(failure);
      if (code === 0) return resolve(Buffer.concat(stdout));
      const how = code === null ? `was killed by ${signal}` : `exited with status ${code}`;
      const last = tail.filter((line) => line.trim()).slice(-3).join(' | ');
      reject(new ExternalBackendError(`external backend ${how}${last ? `: ${last}` : ''}`, 'exit'));
    });
  });
}
