// The practice market's circuits: their circom sources (compiled into circuit packages by
// scripts/build-practice.ts at build time) and a generator of fresh, valid inputs for each, so the practice
// servers never run out of work.
import { randomBytes, randomInt } from 'node:crypto';

/** BN254's scalar field: circom's signals live below it. */
const BN254_R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

export interface PracticeCircuit {
  /** Package name, shown to the user as the job's circuit. */
  name: string;
  /** Main file under src-main/core/practice/circuits/. */
  source: string;
  /** A new input the circuit accepts. */
  nextInput(): Record<string, unknown>;
}

const randomFieldElement = (): string => (BigInt(`0x${randomBytes(32).toString('hex')}`) % BN254_R).toString();

export const PRACTICE_CIRCUITS: readonly PracticeCircuit[] = [
  {
    name: 'range-check',
    source: 'range-check.circom',
    // x and y must fit the circuit's 32-bit range checks.
    nextInput: () => ({
      a: String(randomInt(1, 1000)),
      b: String(randomInt(1, 1000)),
      c: String(randomInt(1, 1000)),
      d: String(randomInt(1, 1000)),
      x: String(randomInt(0, 2 ** 32 - 1)),
      y: String(randomInt(0, 2 ** 32 - 1)),
    }),
  },
  { name: 'poseidon-chain-4k', source: 'poseidon-chain-4k.circom', nextInput: () => ({ seed: randomFieldElement(), salt: randomFieldElement() }) },
  { name: 'poseidon-chain-16k', source: 'poseidon-chain-16k.circom', nextInput: () => ({ seed: randomFieldElement(), salt: randomFieldElement() }) },
];

export function practiceCircuit(name: string): PracticeCircuit | undefined {
  return PRACTICE_CIRCUITS.find((c) => c.name === name);
}
