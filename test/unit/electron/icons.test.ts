import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_STATES, trayIconFile, type TrayTheme } from '../../../src-main/electron/tray/tray-icons.js';

const ASSETS = join(import.meta.dirname, '..', '..', '..', 'assets');

interface DecodedPng {
  width: number;
  height: number;
  colourType: number;
  /** Filtered scanlines, as stored. */
  raw: Buffer;
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Reads every chunk, checking each CRC, and inflates the image data. */
function decodePng(file: string): DecodedPng {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  let offset = 8;
  let sawEnd = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('ascii');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length), `CRC of ${type} in ${file}`).toBe(
      crc32(bytes.subarray(offset + 4, offset + 8 + length)),
    );
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') sawEnd = true;
    offset += 12 + length;
  }
  expect(sawEnd).toBe(true);
  if (header === undefined) throw new Error(`${file} has no IHDR`);
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    colourType: header[9] ?? -1,
    raw: inflateSync(Buffer.concat(idat)),
  };
}

/** Every tray icon the tray can name, on every platform and theme, with the @2x Electron picks on high-DPI screens. */
const trayIcons: string[] = [
  ...new Set(
    TRAY_STATES.flatMap((state) =>
      (['darwin', 'win32', 'linux'] as const).flatMap((platform) => (['light', 'dark'] as TrayTheme[]).map((theme) => trayIconFile(state, theme, platform))),
    ),
  ),
];

const expected: Array<[string, number]> = [
  ['icon.png', 1024],
  ...[16, 32, 48, 64, 128, 256, 512].map((size): [string, number] => [`icons/${size}x${size}.png`, size]),
  ['tray/tray-16.png', 16],
  ['tray/tray-32.png', 32],
  ...trayIcons.flatMap((file): Array<[string, number]> => [
    [`tray/${file}`, 16],
    [`tray/${file.replace(/\.png$/, '@2x.png')}`, 32],
  ]),
];

describe('generated icons', () => {
  it.each(expected)('%s is a well-formed %i px RGBA PNG', (name, size) => {
    const png = decodePng(join(ASSETS, name));
    expect([png.width, png.height]).toEqual([size, size]);
    expect(png.colourType).toBe(6);
    expect(png.raw.length).toBe(size * (size * 4 + 1));
  });

  it.each(expected)('%s shows a mark: both see-through and solid pixels', (name) => {
    const { width, raw } = decodePng(join(ASSETS, name));
    const stride = width * 4 + 1;
    const seen = new Set<number>();
    for (let row = 0; row * stride < raw.length; row++) {
      expect(raw[row * stride], 'filter type').toBe(0);
      for (let col = 0; col < width; col++) seen.add(raw[row * stride + 1 + col * 4 + 3] ?? 0);
    }
    expect(seen.has(0)).toBe(true);
    expect(seen.has(255)).toBe(true);
  });

  it('names every tray state in a light and a dark colour, and as a macOS template', () => {
    expect(trayIcons).toHaveLength(TRAY_STATES.length * 3);
  });

  it.each(expected.filter(([name]) => name.includes('Template')))('%s is black on transparent, for macOS to recolour', (name) => {
    const { width, raw } = decodePng(join(ASSETS, name));
    const stride = width * 4 + 1;
    for (let row = 0; row * stride < raw.length; row++) {
      for (let col = 0; col < width; col++) {
        const pixel = row * stride + 1 + col * 4;
        expect([raw[pixel], raw[pixel + 1], raw[pixel + 2]], `${name} (${col}, ${row})`).toEqual([0, 0, 0]);
      }
    }
  });
});
