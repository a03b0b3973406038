// Accounts and tokens of the donation sandbox, as the real server keeps them (§1): passwords stored as salted
// scrypt hashes, HS256 JWTs with claims {exp, organization_id, token_id}, basic and refresh tokens signed with
// different secrets, lifetimes configurable. Time comes from the sandbox's clock so tests can expire tokens
// without sleeping.
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { IncomingMessage } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';
import { SandboxError, SandboxPanic } from './sandbox-errors.js';
import { TokenClaimsSchema, type GeneratedToken } from './wire.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export type TokenKind = 'basic' | 'refresh';

export interface TokenLifetimes {
  /** qa.json: basic_token_minutes_duration = 60. */
  basicS: number;
  /** qa.json: refresh_token_days_duration = 360. */
  refreshS: number;
}

export const DEFAULT_TOKEN_LIFETIMES: TokenLifetimes = { basicS: 60 * 60, refreshS: 360 * 24 * 60 * 60 };

export class TokenIssuer {
  private readonly secrets: Record<TokenKind, Uint8Array> = { basic: randomBytes(32), refresh: randomBytes(32) };

  constructor(
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number,
  ) {}

  async issue(kind: TokenKind, organizationId: string): Promise<GeneratedToken> {
    const tokenId = randomUUID();
    const lifetime = kind === 'basic' ? this.lifetimes.basicS : this.lifetimes.refreshS;
    const token = await new SignJWT({ organization_id: organizationId, token_id: tokenId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime(Math.floor(this.now() / 1000) + lifetime)
      .sign(this.secrets[kind]);
    return { token_id: tokenId, token };
  }

  /** The token's organisation and id, or undefined when it is malformed, forged or expired. */
  async verify(kind: TokenKind, token: string): Promise<{ organizationId: string; tokenId: string } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.secrets[kind], { algorithms: ['HS256'], currentDate: new Date(this.now()) });
      const claims = TokenClaimsSchema.safeParse(payload);
      return claims.success ? { organizationId: claims.data.organization_id, tokenId: claims.data.token_id } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** validate_jwt.rs: the organisation of the basic token in the `token` header; a missing header panics. */
export async function authenticate(tokens: TokenIssuer, req: IncomingMessage): Promise<string> {
  const header = req.headers.token;
  if (typeof header !== 'string') throw new SandboxPanic('the request has no token header');
  const claims = await tokens.verify('basic', header);
  if (!claims) throw new SandboxError('INVALID_TOKEN');
  return claims.organizationId;
}
