// Hand-made tar archives for hostile-archive tests: entry names, types and link targets that tar writers
// refuse to produce (../ paths, absolute paths, links, devices).
export interface RawTarEntry {
  name: string;
  content?: Uint8Array | string;
  /** '0' file, '2' symlink, '1' hard link, '3' character device, '5' directory. */
  type?: '0' | '1' | '2' | '3' | '5';
  linkTarget?: string;
}

export function rawTar(entries: RawTarEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const content = typeof entry.content === 'string' ? new TextEncoder().encode(entry.content) : (entry.content ?? new Uint8Array());
    const header = new Uint8Array(512);
    const put = (offset: number, text: string) => header.set(new TextEncoder().encode(text), offset);
    put(0, entry.name);
    put(100, '0000644\0');
    put(108, '0000000\0');
    put(116, '0000000\0');
    put(124, `${content.length.toString(8).padStart(11, '0')}\0`);
    put(136, '00000000000\0');
    put(148, '        ');
    put(156, entry.type ?? '0');
    if (entry.linkTarget) put(157, entry.linkTarget);
    put(257, 'ustar\0');
    put(263, '00');
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    put(148, `${checksum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, content, new Uint8Array((512 - (content.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  return Buffer.concat(blocks);
}
