// The multipart body every upload of the protocol uses (§5, §6): a `data` part holding JSON and a `file` part
// with a filename (the server tells the two apart by the filename alone).
export function multipartForm(data: unknown, file: Uint8Array, filename: string): FormData {
  const body = new FormData();
  body.append('data', JSON.stringify(data));
  body.append('file', new Blob([file]), filename);
  return body;
}
