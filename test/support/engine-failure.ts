// The EngineError a promise rejects with, failing the test when it resolves or rejects with anything else.
import { expect } from 'vitest';
import { EngineError } from '../../src-main/core/engine/engine-host.js';

export async function engineFailure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}
