// Fan-out of core events to every connected UI. Payloads are validated on the way out.
import { API_VERSION, events, type EventMessage, type EventName, type EventPayload } from './contract.js';

export type EventListener = (event: EventMessage) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const message = { v: API_VERSION, name, payload: events[name].parse(payload) } as EventMessage;
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
