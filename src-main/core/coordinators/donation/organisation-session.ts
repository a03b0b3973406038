// An organisation's session with a program distributor: the basic token sent in the `token` header, the refresh
// token that renews it, and where both are kept between runs (the CLI keeps them in the keychain).
import { z } from 'zod';
import type { Keychain } from '../../secrets/keychain.js';
import { GeneratedTokenSchema } from './wire.js';

export const OrganisationSessionSchema = z.object({
  username: z.string(),
  basic: GeneratedTokenSchema,
  refresh: GeneratedTokenSchema,
});
export type OrganisationSession = z.infer<typeof OrganisationSessionSchema>;

export interface SessionStore {
  load(): Promise<OrganisationSession | undefined>;
  save(session: OrganisationSession): Promise<void>;
  clear(): Promise<void>;
}

/** Where a password comes from when the session cannot be renewed and the client must log in again. */
export type PasswordSource = () => Promise<{ username: string; password: string } | undefined>;

export class MemorySessionStore implements SessionStore {
  private session: OrganisationSession | undefined;

  constructor(initial?: OrganisationSession) {
    this.session = initial;
  }

  async load(): Promise<OrganisationSession | undefined> {
    return this.session;
  }

  async save(session: OrganisationSession): Promise<void> {
    this.session = session;
  }

  async clear(): Promise<void> {
    this.session = undefined;
  }
}

/** A session kept as JSON under one secret of a key-value secret store (the OS keychain). */
export function secretSessionStore(secrets: Pick<Keychain, 'get' | 'set' | 'delete'>, account: string): SessionStore {
  return {
    async load() {
      const text = await secrets.get(account);
      if (!text) return undefined;
      try {
        const parsed = OrganisationSessionSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    save: (session) => secrets.set(account, JSON.stringify(session)),
    clear: async () => {
      await secrets.delete(account);
    },
  };
}
