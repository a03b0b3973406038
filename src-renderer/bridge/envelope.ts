// Checks what the core sends against the contract, so a mismatch shows as a clear error, not a broken page.
import { z } from 'zod';
import {
  ApiError,
  API_VERSION,
  commands,
  events,
  queries,
  type CommandName,
  type CommandOutput,
  type EventMessage,
  type EventName,
  type QueryName,
  type QueryOutput,
} from '../../src-main/core/api/contract.js';
import { describeIssues } from '../../src-main/core/api/dispatcher.js';

// Without this zod probes `new Function`, which the page's policy forbids; the browser reports it as a violation.
z.config({ jitless: true });

function checked(schema: z.ZodType, value: unknown, what: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ApiError('internal', `ProverDesk sent an unexpected reply to ${what}: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

export function checkQueryResult<N extends QueryName>(name: N, result: unknown): QueryOutput<N> {
  return checked(queries[name].output, result, `query '${name}'`) as QueryOutput<N>;
}

export function checkCommandResult<N extends CommandName>(name: N, result: unknown): CommandOutput<N> {
  return checked(commands[name].output, result, `command '${name}'`) as CommandOutput<N>;
}

/** Returns the event if it is one the contract knows with a valid payload; otherwise logs why and returns null. */
export function parseEvent(raw: unknown): EventMessage | null {
  const message = raw as Partial<EventMessage> | null;
  if (message === null || typeof message !== 'object' || message.v !== API_VERSION) {
    console.warn('ProverDesk: ignored an event without API version', API_VERSION);
    return null;
  }
  const name = message.name;
  if (typeof name !== 'string' || !Object.hasOwn(events, name)) {
    console.warn('ProverDesk: ignored an unknown event', name);
    return null;
  }
  const payload = events[name as EventName].safeParse(message.payload);
  if (!payload.success) {
    console.warn(`ProverDesk: ignored an invalid '${name}' event: ${describeIssues(payload.error)}`);
    return null;
  }
  return { v: API_VERSION, name: name as EventName, payload: payload.data };
}

/** Narrows an event to one name, so its payload has that event's type. */
export function isEvent<N extends EventName>(event: EventMessage, name: N): event is EventMessage<N> {
  return event.name === name;
}
