// The /account scope of the donation sandbox (§2): register, login, refresh, logout (delete the refresh token)
// and the public list of organisations.
import { hashPassword, passwordMatches, type TokenIssuer } from './sandbox-auth.js';
import { SandboxError, SandboxPanic } from './sandbox-errors.js';
import { json, pagingOf, readJsonBody, type Route } from './sandbox-http.js';
import type { SandboxState } from './sandbox-state.js';
import { CredentialsSchema, RefreshBodySchema, RegisterBodySchema, TokenIdBodySchema, type LoginTokens } from './wire.js';

export function accountRoutes(state: SandboxState, tokens: TokenIssuer): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/account\/register$/,
      fault: 'account',
      async handle({ req }) {
        const body = await readJsonBody(req, RegisterBodySchema);
        if (state.accounts.some((a) => a.username === body.username)) throw new SandboxError('USERNAME_ALREADY_EXISTS');
        state.register({ username: body.username, passwordHash: await hashPassword(body.password), name: body.name, description: body.description });
        return json(null);
      },
    },
    {
      method: 'POST',
      path: /^\/account\/login$/,
      fault: 'account',
      async handle({ req }) {
        const body = await readJsonBody(req, CredentialsSchema);
        const account = state.accountByUsername(body.username);
        if (!(await passwordMatches(body.password, account.passwordHash))) throw new SandboxError('WRONG_CREDENTIALS');
        const login: LoginTokens = { basic_token: await tokens.issue('basic', account.organizationId), refresh_token: await tokens.issue('refresh', account.organizationId) };
        state.refreshTokens.set(login.refresh_token.token_id, account.organizationId);
        return json(login);
      },
    },
    {
      method: 'POST',
      path: /^\/account\/refresh-token$/,
      fault: 'account',
      async handle({ req }) {
        const body = await readJsonBody(req, RefreshBodySchema);
        const claims = await tokens.verify('refresh', body.refresh_token);
        if (!claims) throw new SandboxPanic('the refresh token is not a valid, unexpired JWT');
        if (state.refreshTokens.get(claims.tokenId) !== claims.organizationId) throw new SandboxError('REFRESH_TOKEN_NOT_FOUND');
        return json(await tokens.issue('basic', claims.organizationId));
      },
    },
    {
      method: 'DELETE',
      path: /^\/account\/refresh-token$/,
      fault: 'account',
      async handle({ req }) {
        state.refreshTokens.delete((await readJsonBody(req, TokenIdBodySchema)).token_id);
        return json(null);
      },
    },
    {
      method: 'GET',
      path: /^\/account\/organizations$/,
      fault: 'list',
      async handle({ url }) {
        return json(state.organizations(url.searchParams.get('name_filter') ?? undefined, pagingOf(url)));
      },
    },
  ];
}
