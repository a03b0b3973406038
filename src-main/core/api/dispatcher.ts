// Turns an untrusted request (from IPC or HTTP) into a validated handler call and a well-formed response.
import type { z } from 'zod';
import {
  ApiError,
  commands,
  queries,
  Request,
  type ApiResponse,
  type CommandName,
  type CommandOutput,
  type QueryName,
  type QueryOutput,
} from './contract.js';

type QueryHandlers = {
  [N in QueryName]: (input: z.output<(typeof queries)[N]['input']>) => Promise<QueryOutput<N>> | QueryOutput<N>;
};
type CommandHandlers = {
  [N in CommandName]: (input: z.output<(typeof commands)[N]['input']>) => Promise<CommandOutput<N>>;
};
export interface ApiHandlers {
  queries: QueryHandlers;
  commands: CommandHandlers;
}

export type Dispatch = (raw: unknown) => Promise<ApiResponse>;

/** Says what is wrong with a value in one line, naming fields but never echoing values (they may be secrets). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const failure = (code: ApiError['code'], message: string): ApiResponse => ({ ok: false, error: { code, message } });

export function createDispatcher(handlers: ApiHandlers, onInternalError: (error: unknown) => void): Dispatch {
  return async (raw) => {
    const request = Request.safeParse(raw);
    if (!request.success) return failure('bad_request', `malformed request: ${describeIssues(request.error)}`);
    const { kind, name, input } = request.data;

    const table: Record<string, { input: z.ZodType; output: z.ZodType }> = kind === 'query' ? queries : commands;
    const endpoint = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!endpoint) return failure('bad_request', `unknown ${kind} '${name}'`);
    const parsedInput = endpoint.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      return failure('bad_request', `invalid input for ${kind} '${name}': ${describeIssues(parsedInput.error)}`);
    }

    const handler = (kind === 'query' ? handlers.queries : handlers.commands)[name as QueryName & CommandName] as (
      input: unknown,
    ) => Promise<unknown>;
    try {
      const result: unknown = await handler(parsedInput.data);
      // Outbound data is checked too, so a core bug shows up as a clear error instead of a broken UI.
      const parsedOutput = endpoint.output.safeParse(result);
      if (!parsedOutput.success) {
        onInternalError(new Error(`${kind} '${name}' produced invalid output: ${describeIssues(parsedOutput.error)}`));
        return failure('internal', `${kind} '${name}' failed inside ProverDesk (see the log)`);
      }
      return { ok: true, result: parsedOutput.data };
    } catch (error) {
      if (error instanceof ApiError) return failure(error.code, error.message);
      onInternalError(error);
      return failure('internal', `${kind} '${name}' failed inside ProverDesk (see the log)`);
    }
  };
}
