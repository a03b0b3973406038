// Which OS store keytar talks to on each platform.

/** Linux and the BSDs reach their keychain through the Secret Service API over D-Bus (libsecret). */
export function usesSecretService(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin' && platform !== 'win32';
}

export function keychainBackendName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret)';
}
