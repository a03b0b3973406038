// Prints the engine's C++ sources for binding.gyp (relative to this folder), so new files need no gyp edit.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

function walk(dir) {
  return readdirSync(join(__dirname, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.cpp') ? [path] : [];
  });
}

process.stdout.write(walk('src').sort().join(' '));
