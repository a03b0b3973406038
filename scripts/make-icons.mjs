#!/usr/bin/env node
// Draws ProverDesk's icons (a bright hexagon with a check mark, "proof verified", on a rounded dark
// square) and writes them as PNGs under assets/. Run once after changing the design: node scripts/make-icons.mjs
// The tray has one icon per state, told apart by shape as well as colour (macOS draws them in one colour):
// assets/tray/<state>-<light|dark>.png for Windows and Linux, <state>Template.png (black, the OS recolours it)
// for macOS, each 16 px with a 32 px @2x beside it. src-main/electron/tray/tray-icons.ts names them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const APP_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512];
const TRAY_SIZES = [16, 32];

const BACKGROUND_TOP = [0x23, 0x2b, 0x3b];
const BACKGROUND_BOTTOM = [0x10, 0x14, 0x1d];
const GLYPH = [0x3e, 0xe6, 0xb0];
const CHECK = [0xf4, 0xfb, 0xf8];

const TRAY_STATES = ['proving', 'idle', 'throttled', 'paused', 'error'];
/** Per theme of the taskbar or panel: bright glyphs on a dark one, deeper shades on a light one. */
const TRAY_COLOURS = {
  dark: { proving: [0x3e, 0xe6, 0xb0], idle: [0xc9, 0xd1, 0xdc], throttled: [0xff, 0xc2, 0x47], paused: [0x8f, 0xb4, 0xff], error: [0xff, 0x6b, 0x6b] },
  light: { proving: [0x0e, 0x9f, 0x6e], idle: [0x4b, 0x55, 0x63], throttled: [0xb7, 0x6e, 0x00], paused: [0x2f, 0x5f, 0xd0], error: [0xd3, 0x2f, 0x2f] },
};
const TEMPLATE_COLOUR = [0, 0, 0];

// --- PNG encoding (8-bit RGBA, no interlace) ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- Shapes as signed distance functions over the unit square (negative inside) ---

function roundedSquare(x, y, halfSide, radius) {
  const qx = Math.abs(x - 0.5) - (halfSide - radius);
  const qy = Math.abs(y - 0.5) - (halfSide - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** A regular hexagon with flat left and right sides, `apothem` from centre to side. */
function hexagon(x, y, apothem) {
  const kx = -0.866025404;
  const ky = 0.5;
  const kz = 0.577350269;
  let px = Math.abs(y - 0.5);
  let py = Math.abs(x - 0.5);
  const d = 2 * Math.min(kx * px + ky * py, 0);
  px -= d * kx;
  py -= d * ky;
  px -= Math.min(Math.max(px, -kz * apothem), kz * apothem);
  py -= apothem;
  return Math.hypot(px, py) * Math.sign(py);
}

function segment(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(Math.max(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0), 1);
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

function checkMark(x, y) {
  return Math.min(segment(x, y, 0.37, 0.51, 0.465, 0.605), segment(x, y, 0.465, 0.605, 0.645, 0.405));
}

// Bars and the exclamation mark sit on whole pixels at 16 and 32 px (1/8 = 2 px at 16), so they stay crisp.
const BAR_WIDTH = 0.125;
const pauseBars = (x, y) => Math.min(segment(x, y, 0.375, 0.36, 0.375, 0.64), segment(x, y, 0.625, 0.36, 0.625, 0.64));
const exclamation = (x, y) => Math.min(segment(x, y, 0.5, 0.28, 0.5, 0.54), Math.hypot(x - 0.5, y - 0.6875) - 0.0125);

/** Fraction of a pixel (of side `pixel`) covered by the shape whose distance is `d`. */
const coverage = (d, pixel) => Math.min(Math.max(0.5 - d / pixel, 0), 1);

// --- Drawing ---

function blendOver(pixel, colour, alpha) {
  const outAlpha = alpha + pixel[3] * (1 - alpha);
  if (outAlpha === 0) return;
  for (let i = 0; i < 3; i++) pixel[i] = (colour[i] * alpha + pixel[i] * pixel[3] * (1 - alpha)) / outAlpha;
  pixel[3] = outAlpha;
}

/** Strokes thinner than about a pixel and a half vanish at small sizes, so they are widened there. */
const strokeWidth = (width, pixel, minimumPixels) => Math.max(width, minimumPixels * pixel);

function draw(size, { withBackground }) {
  const rgba = Buffer.alloc(size * size * 4);
  const pixel = 1 / size;
  const hexStroke = strokeWidth(withBackground ? 0.055 : 0.09, pixel, 1.5);
  const checkStroke = strokeWidth(withBackground ? 0.07 : 0.11, pixel, 1.6);
  const apothem = withBackground ? 0.27 : 0.36;
  const scale = withBackground ? 1 : 1.3; // the tray glyph fills its square
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = (col + 0.5) * pixel;
      const y = (row + 0.5) * pixel;
      const out = [0, 0, 0, 0];
      if (withBackground) {
        const t = y;
        const colour = BACKGROUND_TOP.map((top, i) => top + (BACKGROUND_BOTTOM[i] - top) * t);
        blendOver(out, colour, coverage(roundedSquare(x, y, 0.44, 0.1), pixel));
      }
      blendOver(out, GLYPH, coverage(Math.abs(hexagon(x, y, apothem)) - hexStroke / 2, pixel));
      const cx = 0.5 + (x - 0.5) / scale;
      const cy = 0.5 + (y - 0.5) / scale;
      blendOver(out, withBackground ? CHECK : GLYPH, coverage(checkMark(cx, cy) * scale - checkStroke / 2, pixel));
      const offset = (row * size + col) * 4;
      for (let i = 0; i < 3; i++) rgba[offset + i] = Math.round(out[i]);
      rgba[offset + 3] = Math.round(out[3] * 255);
    }
  }
  return encodePng(size, rgba);
}

/**
 * A tray glyph: proving, a solid hexagon with the check cut out; idle, the outlined mark; throttled, the
 * outline half full; paused, the outline with pause bars; error, the outline with an exclamation mark.
 */
function drawTray(size, state, colour) {
  const rgba = Buffer.alloc(size * size * 4);
  const pixel = 1 / size;
  const apothem = 0.36;
  const hexStroke = strokeWidth(0.09, pixel, 1.5);
  const markStroke = strokeWidth(0.11, pixel, 1.6);
  const scale = 1.3; // the check fills the hexagon, as on the app's own tray mark
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = (col + 0.5) * pixel;
      const y = (row + 0.5) * pixel;
      const hex = hexagon(x, y, apothem);
      const outline = coverage(Math.abs(hex) - hexStroke / 2, pixel);
      const check = coverage(checkMark(0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale) * scale - markStroke / 2, pixel);
      let alpha;
      if (state === 'proving') alpha = coverage(hex - hexStroke / 2, pixel) * (1 - check);
      else if (state === 'idle') alpha = Math.max(outline, check);
      else if (state === 'throttled') alpha = Math.max(outline, coverage(Math.max(hex, 0.5 - y), pixel));
      else if (state === 'paused') alpha = Math.max(outline, coverage(pauseBars(x, y) - BAR_WIDTH / 2, pixel));
      else alpha = Math.max(outline, coverage(exclamation(x, y) - BAR_WIDTH / 2, pixel));
      const offset = (row * size + col) * 4;
      for (let i = 0; i < 3; i++) rgba[offset + i] = colour[i];
      rgba[offset + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, rgba);
}

function write(file, png) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, png);
  console.log(`wrote ${file} (${png.length} bytes)`);
}

write(join(ASSETS, 'icon.png'), draw(1024, { withBackground: true }));
for (const size of APP_ICON_SIZES) {
  write(join(ASSETS, 'icons', `${size}x${size}.png`), draw(size, { withBackground: true }));
}
for (const size of TRAY_SIZES) {
  write(join(ASSETS, 'tray', `tray-${size}.png`), draw(size, { withBackground: false }));
}
for (const state of TRAY_STATES) {
  for (const [theme, colours] of Object.entries(TRAY_COLOURS)) {
    write(join(ASSETS, 'tray', `${state}-${theme}.png`), drawTray(16, state, colours[state]));
    write(join(ASSETS, 'tray', `${state}-${theme}@2x.png`), drawTray(32, state, colours[state]));
  }
  write(join(ASSETS, 'tray', `${state}Template.png`), drawTray(16, state, TEMPLATE_COLOUR));
  write(join(ASSETS, 'tray', `${state}Template@2x.png`), drawTray(32, state, TEMPLATE_COLOUR));
}
