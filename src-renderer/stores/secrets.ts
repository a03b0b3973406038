// The keychain's state as the core reports it: availability and the accounts that have a stored secret.
// Secret values never enter this store; they stay in the form until sent.
import { create } from 'zustand';
import type { CoreBridge } from '../../src-main/core/api/contract.js';
import type { KeychainStatus } from '../../src-main/core/api/schemas.js';
import { errorMessage } from '../errors.js';

interface SecretsStore {
  status: KeychainStatus | null;
  loadError: string | null;
  refresh(bridge: CoreBridge): Promise<void>;
  /** Stores or replaces a secret; throws the core's ApiError when it refuses. */
  save(bridge: CoreBridge, account: string, secret: string): Promise<void>;
  /** Deletes a secret; resolves false when there was none. Throws the core's ApiError when it refuses. */
  remove(bridge: CoreBridge, account: string): Promise<boolean>;
  /** Applies a change the core reported (by a command's reply or a `secrets.changed` event). */
  applyChange(account: string, stored: boolean): void;
}

export const useSecretsStore = create<SecretsStore>()((set, get) => ({
  status: null,
  loadError: null,
  async refresh(bridge) {
    try {
      set({ status: await bridge.query('secrets.status', {}), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async save(bridge, account, secret) {
    const reply = await bridge.command('secrets.set', { account, secret });
    get().applyChange(reply.account, true);
  },
  async remove(bridge, account) {
    const reply = await bridge.command('secrets.delete', { account });
    get().applyChange(reply.account, false);
    return reply.deleted;
  },
  applyChange(account, stored) {
    const status = get().status;
    if (status === null) return;
    const others = status.accounts.filter((entry) => entry.account !== account);
    const accounts = stored ? [...others, { account, stored: true as const }] : others;
    accounts.sort((a, b) => a.account.localeCompare(b.account));
    set({ status: { ...status, accounts } });
  },
}));
