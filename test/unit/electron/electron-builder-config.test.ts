import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface BuilderConfig {
  extraMetadata?: { main?: string };
  linux?: { icon?: string };
  mac?: { icon?: string };
  win?: { icon?: string };
  [key: string]: unknown;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let config: BuilderConfig;
let validate: ValidateFunction;

beforeAll(() => {
  config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
  validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
});

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the same validation when a key is misspelt', () => {
    const { appId, ...rest } = config;
    expect(validate({ ...rest, appIdd: appId })).toBe(false);
    expect(validate.errors?.map((error) => error.params)).toContainEqual({ additionalProperty: 'appIdd' });
  });

  it('packs node_modules as installed and gives the packaged app an Electron build of better-sqlite3 after packing', () => {
    // A rebuild in place would leave node_modules unusable for Node (headless mode, the tests).
    expect(config.npmRebuild).toBe(false);
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(statSync(join(ROOT, config.afterPack as string)).isFile()).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**']));
  });

  it('packs the CUDA library beside the engine, unpacked, at the path the engine looks for it', () => {
    expect(config.files).toEqual(expect.arrayContaining(['native/build/Release/proverdesk_engine.node', 'native/build/cuda/libproverdesk_cuda.so']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['native/build/cuda/**']));
    expect(readFileSync(join(ROOT, 'src-main/core/engine/native-addon.ts'), 'utf8')).toContain("join('native', 'build', 'cuda'");
  });

  it('packs the tray icons, unpacked (main.ts reads them from app.asar.unpacked/assets/tray)', () => {
    expect(config.files).toEqual(expect.arrayContaining(['assets/tray/**']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['assets/tray/**']));
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
  });

  it('starts the same main module as package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(config.extraMetadata?.main).toBe('dist/main/electron/main.js');
    expect(config.extraMetadata?.main).toBe(pkg.main);
  });

  it('names a Linux icon folder of square NxN.png files that goes up to 512 px', () => {
    const folder = join(ROOT, config.linux?.icon ?? '');
    expect(statSync(folder).isDirectory()).toBe(true);
    const files = readdirSync(folder).filter((name) => name.endsWith('.png'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const { width, height } = pngSize(join(folder, name));
      expect(name).toBe(`${width}x${height}.png`);
      expect(width).toBe(height);
    }
    expect(Math.max(...files.map((name) => pngSize(join(folder, name)).width))).toBeGreaterThanOrEqual(512);
  });

  it.each(['mac', 'win'] as const)('names a %s icon that exists and is a PNG of at least 512x512', (platform) => {
    const icon = config[platform]?.icon;
    expect(icon).toMatch(/\.png$/);
    const { width, height } = pngSize(join(ROOT, icon ?? ''));
    expect(width).toBeGreaterThanOrEqual(512);
    expect(height).toBe(width);
  });
});
