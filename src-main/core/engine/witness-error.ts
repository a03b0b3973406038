/** Why a witness could not be computed: the first two are the circuit's fault, the last two the input's. */
export type WitnessErrorReason = 'unreadable-wasm' | 'not-a-circuit' | 'bad-input' | 'unsatisfied';

export class WitnessError extends Error {
  override readonly name = 'WitnessError';

  constructor(
    readonly reason: WitnessErrorReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
