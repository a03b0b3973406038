// A private D-Bus session bus for keychain tests. Its only activatable services are the ones a test asks for, so
// "no Secret Service" stays deterministic (with the system's service files, D-Bus would start gnome-keyring).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface PrivateBus {
  address: string;
  /** Starts gnome-keyring on this bus with a fresh, unlocked login keyring; it exits when the bus stops. */
  startUnlockedKeyring(): Promise<void>;
  /** Locks the login keyring, as the desktop does after a timeout; there is no prompter to unlock it again. */
  lockLoginKeyring(): Promise<void>;
  stop(): Promise<void>;
}

export interface PrivateBusOptions {
  /** Makes org.freedesktop.secrets activatable by a program that never claims it: calls to it hang. */
  stalledSecretService?: boolean;
}

const busConfig = (dir: string): string => `<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${join(dir, 'services')}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

function writeStalledSecretService(dir: string): string {
  const pidFile = join(dir, 'stalled-service.pid');
  const script = join(dir, 'stalled-service.sh');
  writeFileSync(script, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 600\n`);
  chmodSync(script, 0o755);
  writeFileSync(
    join(dir, 'services', 'org.freedesktop.secrets.service'),
    `[D-BUS Service]\nName=org.freedesktop.secrets\nExec=${script}\n`,
  );
  return pidFile;
}

function readAddress(daemon: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    daemon.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n', 2);
      if (line.length === 2 && line[0]) resolve(line[0].trim());
    });
    daemon.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    daemon.on('error', (error) => reject(new Error(`cannot start dbus-daemon (install dbus): ${error.message}`)));
    daemon.on('exit', (code) => reject(new Error(`dbus-daemon exited with code ${code} before listening: ${err}`)));
  });
}

function processExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export async function startPrivateBus(options: PrivateBusOptions = {}): Promise<PrivateBus> {
  const dir = mkdtempSync(join(tmpdir(), 'proverdesk-bus-'));
  mkdirSync(join(dir, 'services'));
  const stalledPidFile = options.stalledSecretService ? writeStalledSecretService(dir) : null;
  const configFile = join(dir, 'bus.conf');
  writeFileSync(configFile, busConfig(dir));

  const daemon = spawn('dbus-daemon', [`--config-file=${configFile}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await readAddress(daemon);
  const keyringEnv = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: address,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_RUNTIME_DIR: join(dir, 'runtime'),
  };

  return {
    address,

    async startUnlockedKeyring() {
      mkdirSync(keyringEnv.XDG_DATA_HOME, { recursive: true });
      mkdirSync(keyringEnv.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
      // Like test/with-keyring.sh: it creates and unlocks a login keyring with this password, then forks.
      const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
        env: keyringEnv,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      keyring.stdin.end('proverdesk-test\n');
      const code = await processExit(keyring);
      if (code !== 0) throw new Error(`gnome-keyring-daemon --unlock exited with code ${code}`);
    },

    async lockLoginKeyring() {
      await execFileAsync('dbus-send', [
        `--bus=${address}`,
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ]);
    },

    async stop() {
      if (stalledPidFile !== null && existsSync(stalledPidFile)) {
        killIfRunning(Number(readFileSync(stalledPidFile, 'utf8').trim()));
      }
      daemon.kill('SIGTERM');
      await processExit(daemon);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
