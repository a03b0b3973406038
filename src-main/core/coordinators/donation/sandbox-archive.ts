// Tar archives the donation sandbox serves, built in memory: the reservation's outer tar (§4: the program's tar
// and the group's CSV side by side at the root) and the guest template of GET /program/template.
import { Header } from 'tar';

export interface TarFile {
  name: string;
  bytes: Uint8Array;
}

/** A ustar archive of regular files, as the Rust `tar` crate writes one. */
export function tarOf(files: TarFile[], mtime = new Date(0)): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    const header = Buffer.alloc(512);
    new Header({ path: file.name, size: file.bytes.length, type: 'File', mode: 0o644, uid: 0, gid: 0, mtime }).encode(header, 0);
    blocks.push(header, Buffer.from(file.bytes), Buffer.alloc((512 - (file.bytes.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** The layout of proven_code_template/template (§4): a RISC Zero methods crate whose guest is `downloaded_guest`. */
export function guestTemplateTar(): Buffer {
  const text = (name: string, content: string): TarFile => ({ name, bytes: Buffer.from(content, 'utf8') });
  return tarOf([
    text('Cargo.toml', '[package]\nname = "methods"\nversion = "0.1.0"\nedition = "2021"\n\n[build-dependencies]\nrisc0-build = "1.0.1"\n\n[package.metadata.risc0]\nmethods = ["guest"]\n'),
    text('build.rs', 'fn main() {\n    risc0_build::embed_methods();\n}\n'),
    text('src/lib.rs', 'include!(concat!(env!("OUT_DIR"), "/methods.rs"));\n'),
    text('guest/Cargo.toml', '[package]\nname = "downloaded_guest"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nrisc0-zkvm = { version = "1.0.1", default-features = false, features = ["std"] }\n'),
    text('guest/src/main.rs', 'use risc0_zkvm::guest::env;\n\nfn main() {\n    let row: Vec<u8> = env::read();\n    env::commit(&format!("{{\\"bytes\\":{}}}", row.len()));\n}\n'),
  ]);
}
