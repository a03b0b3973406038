// How the donation sandbox's handlers fail: an error envelope of the protocol (or one of the sandbox's own
// codes), or a panic, where the real server hits an `expect`/`assert` and drops the connection unanswered.
import { ERROR_CODES, SANDBOX_ERROR_CODES, type ErrorCode } from './wire.js';

export type SandboxErrorCode = ErrorCode | keyof typeof SANDBOX_ERROR_CODES;

export class SandboxError extends Error {
  readonly status: number;

  constructor(
    readonly code: SandboxErrorCode,
    message?: string,
  ) {
    const known = code in ERROR_CODES ? ERROR_CODES[code as ErrorCode] : undefined;
    super(message ?? known?.message ?? code);
    this.status = known?.status ?? SANDBOX_ERROR_CODES[code as keyof typeof SANDBOX_ERROR_CODES];
    this.name = 'SandboxError';
  }
}

/** The real server panics here; `reason` is what the sandbox says about it when panics are switched off. */
export class SandboxPanic extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SandboxPanic';
  }
}

/** A request actix itself turns away before the handler runs (bad JSON body, bad query): plain text, no envelope. */
export class SandboxPlainError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxPlainError';
  }
}
