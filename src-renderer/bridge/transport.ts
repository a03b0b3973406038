// What a bridge needs from a transport (Electron IPC or loopback HTTP), and the bridge built on top of it.
// Both transports share this so that replies and events are checked against the contract in one place.
import {
  ApiError,
  API_VERSION,
  type ApiResponse,
  type CommandInput,
  type CommandName,
  type CoreBridge,
  type EventMessage,
  type QueryInput,
  type QueryName,
  type Request,
} from '../../src-main/core/api/contract.js';
import { errorMessage } from '../errors.js';
import { checkCommandResult, checkQueryResult, parseEvent } from './envelope.js';

/**
 * `connecting`: first attempt, not yet open. `open`: events flow. `reconnecting`: lost, retrying by itself.
 * `closed`: lost for good (e.g. the token was refused); only a reload can help.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Transport {
  send(request: Request): Promise<ApiResponse>;
  /** Delivers every event as it arrived, still unchecked. */
  listen(listener: (raw: unknown) => void): () => void;
  watchConnection(listener: (state: ConnectionState) => void): () => void;
}

/** The contract's bridge plus the connection state the UI shows. */
export interface RendererBridge extends CoreBridge {
  watchConnection(listener: (state: ConnectionState) => void): () => void;
}

export function bridgeOver(transport: Transport): RendererBridge {
  async function call(kind: Request['kind'], name: string, input: unknown): Promise<unknown> {
    let response: ApiResponse;
    try {
      response = await transport.send({ v: API_VERSION, kind, name, input });
    } catch (error) {
      throw new ApiError('unavailable', `cannot reach ProverDesk: ${errorMessage(error)}`);
    }
    if (!response.ok) throw new ApiError(response.error.code, response.error.message);
    return response.result;
  }

  return {
    async query<N extends QueryName>(name: N, input: QueryInput<N>) {
      return checkQueryResult(name, await call('query', name, input));
    },
    async command<N extends CommandName>(name: N, input: CommandInput<N>) {
      return checkCommandResult(name, await call('command', name, input));
    },
    subscribe(listener: (event: EventMessage) => void) {
      return transport.listen((raw) => {
        const event = parseEvent(raw);
        if (event !== null) listener(event);
      });
    },
    watchConnection: (listener) => transport.watchConnection(listener),
  };
}
