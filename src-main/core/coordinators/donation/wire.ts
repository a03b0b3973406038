// Wire format of the program distributor (../shared/protocols/donation-distributor.md): the success and error
// envelopes, the error codes with their statuses and exact texts, the paged lists, the login tokens and the
// zone-less UTC datetimes. Client and sandbox share this file, so both speak exactly the same protocol.
import { z } from 'zod';

/** The real server's error codes (§1): HTTP status and `error_message`, exactly. */
export const ERROR_CODES = {
  ACCOUNT_NOT_FOUND: { status: 404, message: 'Account not found' },
  PROGRAM_NOT_FOUND: { status: 404, message: 'Program not found' },
  PROGRAM_NAME_TAKEN: { status: 409, message: 'Program name was taken' },
  INPUT_GROUP_NOT_FOUND: { status: 404, message: 'Input group not found' },
  BAD_BASE_64_ENCODING: { status: 422, message: 'Input group data is not encoded in base 64' },
  WRONG_CREDENTIALS: { status: 403, message: 'Incorrect credentials' },
  USERNAME_ALREADY_EXISTS: { status: 409, message: 'Username already exists' },
  REFRESH_TOKEN_NOT_FOUND: { status: 404, message: "That user's refresh token does not exist" },
  INVALID_TOKEN: { status: 403, message: "That user's token is not valid" },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Internal server error' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Codes only the sandbox sends, where the real server's reply is unknown or is no reply at all; their
 * names say they come from the sandbox so nobody mistakes them for the real server's.
 */
export const SANDBOX_ERROR_CODES = {
  /** A row decoding to more than 1024 bytes (the real server's column is VARBINARY(1024)). */
  SANDBOX_INPUT_ROW_TOO_LONG: 422,
  /** Sent instead of dropping the connection when the sandbox's panics are switched off. */
  SANDBOX_PANIC: 400,
} as const;

/** Decoded input rows are stored as VARBINARY(1024). */
export const MAX_INPUT_ROW_BYTES = 1024;

/** Paging (§1): `limit` is clamped to 1..50 and defaults to 50; `page` starts at 1. */
export const PAGE_LIMIT_MAX = 50;

export const SuccessEnvelopeSchema = z.object({ status: z.literal('success'), data: z.unknown() });
export const ErrorEnvelopeSchema = z.object({ status: z.literal('error'), error_code: z.string(), error_message: z.string() });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** chrono's NaiveDateTime in ISO-8601 without a zone, e.g. "2024-08-28T05:11:26", meaning UTC. */
const NAIVE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

export const NaiveDatetimeSchema = z.string().regex(NAIVE_DATETIME, 'must be an ISO-8601 datetime without a zone');

/** Milliseconds since the epoch of a zone-less server datetime, read as UTC. */
export function parseNaiveUtc(text: string): number {
  const match = NAIVE_DATETIME.exec(text);
  if (!match) throw new Error(`not a zone-less ISO-8601 datetime: ${JSON.stringify(text).slice(0, 60)}`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = match[7] ? Number(match[7].padEnd(3, '0').slice(0, 3)) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The server's form of a UTC time: whole seconds (MySQL DATETIME), no zone. */
export function formatNaiveUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}

export const ProgramSchema = z.object({
  organization_id: z.string().min(1),
  program_id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  /** Seconds a reservation lasts (the upload's `execution_timeout`). */
  input_lock_timeout: z.number().int(),
});
export type Program = z.infer<typeof ProgramSchema>;

export const PagedProgramsSchema = z.object({ programs: z.array(ProgramSchema), total_elements_amount: z.number().int().nonnegative() });
export type PagedPrograms = z.infer<typeof PagedProgramsSchema>;

export const ProgramInputGroupSchema = z.object({
  input_group_id: z.string().min(1),
  program_id: z.string().min(1),
  name: z.string(),
  last_reserved: NaiveDatetimeSchema.nullable(),
  proven_datetime: NaiveDatetimeSchema.nullable(),
});
export type ProgramInputGroup = z.infer<typeof ProgramInputGroupSchema>;

export const PagedProgramInputGroupsSchema = z.object({
  program_input_groups: z.array(ProgramInputGroupSchema),
  total_elements_amount: z.number().int().nonnegative(),
});
export type PagedProgramInputGroups = z.infer<typeof PagedProgramInputGroupsSchema>;

export const OrganizationSchema = z.object({ organization_id: z.string().min(1), name: z.string(), description: z.string() });
export const PagedOrganizationsSchema = z.object({ organizations: z.array(OrganizationSchema), total_elements_amount: z.number().int().nonnegative() });
export type PagedOrganizations = z.infer<typeof PagedOrganizationsSchema>;

export const GeneratedTokenSchema = z.object({ token_id: z.string().min(1), token: z.string().min(1) });
export type GeneratedToken = z.infer<typeof GeneratedTokenSchema>;

export const LoginTokensSchema = z.object({ basic_token: GeneratedTokenSchema, refresh_token: GeneratedTokenSchema });
export type LoginTokens = z.infer<typeof LoginTokensSchema>;

/** Claims of both JWT kinds (HS256; basic and refresh tokens have different secrets). */
export const TokenClaimsSchema = z.object({ exp: z.number().int(), organization_id: z.string().min(1), token_id: z.string().min(1) });

// Request bodies.
export const RegisterBodySchema = z.object({ username: z.string(), password: z.string(), name: z.string(), description: z.string() });
export const CredentialsSchema = z.object({ username: z.string(), password: z.string() });
export const RefreshBodySchema = z.object({ refresh_token: z.string() });
export const TokenIdBodySchema = z.object({ token_id: z.string() });
/** The `data` part of POST /program/upload. */
export const UploadProgramDataSchema = z.object({ name: z.string(), description: z.string(), execution_timeout: z.number().int() });
/** The `data` part of POST /program/inputs/{program_id}. */
export const UploadInputGroupDataSchema = z.object({ name: z.string() });
/** The JSON part of POST /program/proof. */
export const UploadProofDataSchema = z.object({ organization_id: z.string(), program_id: z.string(), input_group_id: z.string() });
export type UploadProofData = z.infer<typeof UploadProofDataSchema>;

export const UploadedProgramSchema = z.object({ program_id: z.string().min(1) });
export const UploadedInputGroupSchema = z.object({ input_group_id: z.string().min(1) });

/** What a user can read of an error envelope: the code's meaning first, the server's own text after. */
export function describeErrorEnvelope(envelope: ErrorEnvelope, status: number): string {
  const hint = ERROR_HINTS[envelope.error_code as ErrorCode];
  const said = `${envelope.error_code}: ${envelope.error_message.slice(0, 300)}`;
  return hint ? `${hint} (HTTP ${status} ${said})` : `the server answered HTTP ${status} ${said}`;
}

const ERROR_HINTS: Record<ErrorCode, string> = {
  ACCOUNT_NOT_FOUND: 'no such account on this server',
  PROGRAM_NOT_FOUND: 'no such program on this server, or it is not yours',
  PROGRAM_NAME_TAKEN: 'a program with this name already exists on this server (names are unique server-wide)',
  INPUT_GROUP_NOT_FOUND: 'no input group is free to reserve for this program now',
  BAD_BASE_64_ENCODING: 'the server refused the input group: a row is not standard base64 with padding',
  WRONG_CREDENTIALS: 'wrong username or password',
  USERNAME_ALREADY_EXISTS: 'this username is already registered',
  REFRESH_TOKEN_NOT_FOUND: 'the saved session was ended on the server; log in again',
  INVALID_TOKEN: 'the session token is not valid or has expired',
  INTERNAL_SERVER_ERROR: 'the server failed while handling the request',
};

/** A route with its ids escaped: route`/program/${id}`. */
export function route(parts: TemplateStringsArray, ...ids: string[]): string {
  return parts.reduce((path, part, index) => path + part + (index < ids.length ? encodeURIComponent(ids[index]!) : ''), '');
}
