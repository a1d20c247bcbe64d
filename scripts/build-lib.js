#!/usr/bin/env node
/**
 * Builds the library into lib/ from a clean slate (what `npm pack` and `prepare` ship), or says
 * what to do when the repository's own dependencies, TypeScript among them, are not installed.
 *
 * The program's build (`node bin/run.js build`, compiled only when a source changed) already
 * compiles every file of src/ with the library's compiler options, declarations included; lib/
 * is its output for src/ without src/docs/ (the generators of the documentation), one `.js` and
 * one `.d.ts` for each source file there is. Files of sources that were deleted, which an
 * incremental build leaves behind in dist/, are not copied.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const SOURCES = path.join(root, 'src');
const COMPILED = path.join(root, 'dist', 'src');
const LIB = path.join(root, 'lib');
/** Folders of src/ that are not part of the library. */
const NOT_IN_LIBRARY = new Set([path.join(SOURCES, 'docs')]);

try {
  require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  process.stderr.write(`error: cannot build the library: TypeScript is not installed in ${root}; run \`npm ci\` there first\n`);
  process.exit(1);
}
const build = spawnSync(process.execPath, [path.join(root, 'bin', 'run.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** Every library source under `dir`, relative to src/, in a stable order. */
function librarySources(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return NOT_IN_LIBRARY.has(full) ? [] : librarySources(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.relative(SOURCES, full)] : [];
    });
}

/** Each library source with the path of its compiled files without their extension (`access/request`). */
const sources = librarySources(SOURCES).map((source) => ({ source, base: source.slice(0, -'.ts'.length) }));

fs.rmSync(LIB, { recursive: true, force: true });
for (const { base } of sources) {
  for (const compiled of [`${base}.js`, `${base}.d.ts`]) {
    fs.mkdirSync(path.dirname(path.join(LIB, compiled)), { recursive: true });
    fs.copyFileSync(path.join(COMPILED, compiled), path.join(LIB, compiled));
  }
}

// A library file that requires a file outside the library (src/docs/, scripts/, main.ts) would
// break the package: the build stops there and names both.
for (const { source, base } of sources) {
  const file = path.join(LIB, `${base}.js`);
  for (const [, required] of fs.readFileSync(file, 'utf8').matchAll(/\brequire\("(\.[^"]*)"\)/g)) {
    const target = path.resolve(path.dirname(file), required);
    if (![`${target}.js`, path.join(target, 'index.js')].some((candidate) => candidate.startsWith(LIB + path.sep) && fs.existsSync(candidate))) {
      fs.rmSync(LIB, { recursive: true, force: true });
      process.stderr.write(`error: cannot build the library: src/${source} requires ${required}, which is not part of the library (src/ without src/docs/)\n`);
      process.exit(1);
    }
  }
}
