// electron-builder's afterPack hook (see electron-builder.yml): gives the packaged app a better-sqlite3 built
// for Electron's ABI (src-main/headless/package-natives.ts), leaving node_modules as Node needs it.
const { join } = require('node:path');
const { Arch } = require('builder-util');

exports.default = async function afterPack(context) {
  const { placeSqliteForElectron } = await import('../dist/main/headless/package-natives.js');
  const { version } = require('electron/package.json');
  await placeSqliteForElectron({
    resourcesDir: context.packager.getResourcesDir(context.appOutDir),
    target: { runtime: 'electron', version, arch: Arch[context.arch] },
    cacheDir: join(__dirname, '..', 'node_modules', '.cache', 'proverdesk-electron-natives'),
    log: (line) => console.log(`  • ${line}`),
  });
};
