// Types for the part of circom_runtime (snarkjs's witness calculator) that ProverDesk uses; it ships none.
declare module 'circom_runtime' {
  export interface WitnessCalculator {
    circom_version(): number;
    /** The witness as the bytes of a .wtns file; input values are decimal or hex strings, numbers or bigints. */
    calculateWTNSBin(input: Record<string, unknown>, sanityCheck?: boolean): Promise<Uint8Array>;
  }
  export function WitnessCalculatorBuilder(code: Uint8Array, options?: object): Promise<WitnessCalculator>;
}
