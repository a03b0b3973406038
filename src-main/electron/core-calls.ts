// The shell asks the core what the UI would, through the same API: typed helpers over Core.dispatch.
import { API_VERSION, type EventMessage, type EventName, type QueryInput, type QueryName, type QueryOutput } from '../core/api/contract.js';
import type { Core } from '../core/core.js';

/** Runs a query; a refusal becomes an Error naming the query. */
export async function queryCore<N extends QueryName>(core: Pick<Core, 'dispatch'>, name: N, input: QueryInput<N>): Promise<QueryOutput<N>> {
  const response = await core.dispatch({ v: API_VERSION, kind: 'query', name, input });
  if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
  return response.result as QueryOutput<N>;
}

export function isCoreEvent<N extends EventName>(event: EventMessage, name: N): event is EventMessage<N> {
  return event.name === name;
}
