// An input group's CSV (§4.1 and practice-formats.md): no header, exactly one field per row, each field standard
// base64 with padding of one blob of at most 1024 bytes, `\n` line ends. For practice programs each blob is one
// job-input JSON object and the group's job input is the rows merged in order (later keys win).
import { MAX_INPUT_ROW_BYTES } from './wire.js';

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export class InputCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputCsvError';
  }
}

/** The CSV as the server's writer produces it: one base64 field per row, each row ended by `\n`. */
export function writeInputCsv(rows: Uint8Array[]): string {
  return rows.map((row) => `${Buffer.from(row).toString('base64')}\n`).join('');
}

/** The rows of a job input, one JSON object each. */
export function jobInputRows(inputs: Record<string, unknown>[]): Buffer[] {
  return inputs.map((input) => Buffer.from(JSON.stringify(input), 'utf8'));
}

/** Each row's fields, as a CSV reader sees them: `\n` or `\r\n` line ends, blank lines skipped, "quoted" fields unquoted. */
export function readCsvRows(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line !== '')
    .map(splitCsvLine);
}

/** Strict standard base64 with padding (what the server's decoder accepts); undefined otherwise. */
export function decodeStandardBase64(field: string): Buffer | undefined {
  return STANDARD_BASE64.test(field) ? Buffer.from(field, 'base64') : undefined;
}

/** The decoded rows of a downloaded CSV; a problem names the row (counted from 1). */
export function decodeInputRows(text: string): Buffer[] {
  return readCsvRows(text).map((fields, index) => {
    const row = index + 1;
    if (fields.length !== 1) throw new InputCsvError(`input row ${row} has ${fields.length} fields; the format has exactly one`);
    const bytes = decodeStandardBase64(fields[0]!);
    if (!bytes) throw new InputCsvError(`input row ${row} is not standard base64 with padding`);
    if (bytes.length > MAX_INPUT_ROW_BYTES) {
      throw new InputCsvError(`input row ${row} decodes to ${bytes.length} bytes; rows hold at most ${MAX_INPUT_ROW_BYTES}`);
    }
    return bytes;
  });
}

/** A practice job's input: every row a JSON object, merged in order, later keys winning. */
export function mergeJobInputRows(rows: Buffer[]): Record<string, unknown> {
  if (rows.length === 0) throw new InputCsvError('the input group has no rows');
  const merged: Record<string, unknown> = {};
  rows.forEach((bytes, index) => {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new InputCsvError(`input row ${index + 1} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputCsvError(`input row ${index + 1} is not a JSON object of circuit inputs`);
    }
    Object.assign(merged, value);
  });
  return merged;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}
