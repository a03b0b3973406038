// One line for the user from anything a bridge call may throw.
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
