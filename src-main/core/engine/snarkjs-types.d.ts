// Types for the parts of snarkjs 0.7 that ProverDesk uses (snarkjs ships none).
declare module 'snarkjs' {
  export interface SnarkjsLogger {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
  }

  /**
   * A file: a path, the bytes, or an in-memory file `{ type: 'mem', data }`. As an output, pass
   * `{ type: 'mem' }` and snarkjs sets `data` to the bytes it wrote.
   */
  export type SnarkjsFile = string | Uint8Array | { type: 'mem'; data?: Uint8Array };

  export interface Groth16Proof {
    pi_a: string[];
    pi_b: string[][];
    pi_c: string[];
    protocol: string;
    curve: string;
  }

  export namespace groth16 {
    function prove(
      zkey: SnarkjsFile,
      witness: SnarkjsFile,
      logger?: SnarkjsLogger,
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    function verify(vkey: object, publicSignals: readonly unknown[], proof: object, logger?: SnarkjsLogger): Promise<boolean>;
  }

  export namespace wtns {
    function calculate(input: Record<string, unknown>, wasm: SnarkjsFile, output: SnarkjsFile, options?: object): Promise<void>;
    /** Needs a logger: without one it throws a TypeError on a witness that fails a constraint. */
    function check(r1cs: SnarkjsFile, witness: SnarkjsFile, logger: SnarkjsLogger): Promise<boolean>;
  }

  export namespace zKey {
    /** Resolves to the circuit hash, or to -1 after logging why it could not make the key. */
    function newZKey(r1cs: SnarkjsFile, ptau: SnarkjsFile, zkey: SnarkjsFile, logger?: SnarkjsLogger): Promise<Uint8Array | -1>;
    /** Resolves to the contribution hash, or to false after logging why it refused. */
    function beacon(
      oldZkey: SnarkjsFile,
      newZkey: SnarkjsFile,
      name: string,
      beaconHashHex: string,
      numIterationsExp: number,
      logger?: SnarkjsLogger,
    ): Promise<Uint8Array | false>;
    function exportVerificationKey(zkey: SnarkjsFile, logger?: SnarkjsLogger): Promise<Record<string, unknown>>;
  }

  /** A curve object from snarkjs's own ffjavascript; opaque here. */
  export type Curve = { terminate(): Promise<void> };

  export namespace curves {
    function getCurveFromName(name: 'bn128'): Promise<Curve>;
  }

  /** Used by test fixtures only, to make an INSECURE test ptau where the shared fixture files are missing. */
  export namespace powersOfTau {
    function newAccumulator(curve: Curve, power: number, ptau: SnarkjsFile, logger?: SnarkjsLogger): Promise<unknown>;
    function contribute(
      oldPtau: SnarkjsFile,
      newPtau: SnarkjsFile,
      name: string,
      entropy: string,
      logger?: SnarkjsLogger,
    ): Promise<unknown>;
    function preparePhase2(oldPtau: SnarkjsFile, newPtau: SnarkjsFile, logger?: SnarkjsLogger): Promise<unknown>;
  }
}
