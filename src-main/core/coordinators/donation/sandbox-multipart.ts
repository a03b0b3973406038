// Multipart uploads as the real server reads them (callable_upload_file.rs): parts are sorted by whether their
// Content-Disposition has a filename; exactly one file part and one non-file part, else it panics. Field names
// are not checked.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { SandboxPanic } from './sandbox-errors.js';

export interface MultipartUpload {
  file: { filename: string; bytes: Buffer };
  /** The non-file part's text (JSON for every route of the protocol). */
  data: string;
}

export function readMultipart(req: IncomingMessage, maxFileBytes: number): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxFileBytes, files: 4, fields: 4, parts: 8 } });
    } catch (error) {
      reject(new SandboxPanic(`the body is not multipart/form-data (${(error as Error).message})`));
      return;
    }
    const files: MultipartUpload['file'][] = [];
    const fields: string[] = [];
    let failure: string | undefined;
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (failure ??= `the file part is larger than ${maxFileBytes} bytes`));
      stream.on('close', () => files.push({ filename: info.filename ?? '', bytes: Buffer.concat(chunks) }));
    });
    parser.on('field', (_name, value) => fields.push(value));
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) parser.on(limit, () => (failure ??= 'too many parts'));
    parser.on('error', (error: Error) => reject(new SandboxPanic(`malformed multipart body (${error.message})`)));
    parser.on('close', () => {
      if (failure) return reject(new SandboxPanic(failure));
      if (files.length !== 1 || fields.length !== 1) {
        return reject(new SandboxPanic(`expected one file part and one non-file part, got ${files.length} and ${fields.length}`));
      }
      resolve({ file: files[0]!, data: fields[0]! });
    });
    req.pipe(parser);
  });
}
