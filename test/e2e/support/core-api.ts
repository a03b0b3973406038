// Calls the running app's API as the page does (POST /api/v1/rpc with the access token), for a spec's setup
// and cleanup; what the spec tests goes through the page.
import type { APIRequestContext } from '@playwright/test';
import type { HeadlessApp } from '../app-fixture.js';

export async function callCore(request: APIRequestContext, app: HeadlessApp, kind: 'query' | 'command', name: string, input: unknown = {}): Promise<unknown> {
  const response = await request.post(`${app.baseUrl}api/v1/rpc`, { headers: { Authorization: `Bearer ${app.token}` }, data: { v: 1, kind, name, input } });
  const body = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${kind} ${name}: ${body.error?.message ?? response.status()}`);
  return body.result;
}

/** The practice markets by id; the app starts with batch API and donation on, the Succinct network and the Aztec node off. */
export const PRACTICE_DEFAULTS = { 'practice-batch-api': true, 'practice-donation': true, 'practice-succinct': false, 'practice-aztec': false } as const;

/** Turns the practice markets on or off, e.g. back to PRACTICE_DEFAULTS for the next spec sharing the app. */
export async function setPracticeMarkets(request: APIRequestContext, app: HeadlessApp, enabled: Partial<Record<keyof typeof PRACTICE_DEFAULTS, boolean>>): Promise<void> {
  for (const [id, on] of Object.entries(enabled)) await callCore(request, app, 'command', 'coordinators.setEnabled', { id, enabled: on });
}
