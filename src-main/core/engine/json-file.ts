import { readFile } from 'node:fs/promises';

/** Reads and parses a JSON file; `what` names it in errors ("verification key", "proof"). */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`cannot read ${what} ${path}: ${reason}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${what} ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
