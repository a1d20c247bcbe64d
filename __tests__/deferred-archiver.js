// What `archiver` resolves to in the tests (jest.config.js's moduleNameMapper): cdktf requires it
// when it loads, for TerraformAsset, which the project never uses, and jest loads it again for
// each test file (fifty modules, about 45 ms). As the command does (`deferArchiver` in
// bin/run.js), the real module is required the first time it is called or read, by its path.
// CDK Terrain's cdktf has no archiver and never requires one.
'use strict';
const path = require('path');

/** The folder of cdktf's own archiver, found by its package.json (the bare name is what jest maps to this file), if it has one. */
function archiverOfCdktf() {
  try {
    return path.dirname(require.resolve('archiver/package.json', { paths: [path.dirname(require.resolve('cdktf'))] }));
  } catch {
    return undefined;
  }
}

let real;
const load = () => {
  if (real) return real;
  const folder = archiverOfCdktf();
  if (!folder) throw new Error('the installed cdktf has no archiver (CDK Terrain ships none)');
  return (real = require(folder));
};

module.exports = new Proxy(function archiver() {}, {
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  get: (_target, key) => load()[key],
});
