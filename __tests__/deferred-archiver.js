// What `archiver` resolves to in the tests (jest.config.js's moduleNameMapper): cdktf requires it
// when it loads, for TerraformAsset, which the project never uses, and jest loads it again for
// each test file (fifty modules, about 45 ms). As the command does (`deferArchiver` in
// bin/run.js), the real module is required the first time it is called or read, by its path.
'use strict';
const path = require('path');

// Found by its package.json: the bare name is what jest maps to this file.
const REAL = path.dirname(require.resolve('archiver/package.json', { paths: [path.dirname(require.resolve('cdktf'))] }));
let real;
const load = () => (real ??= require(REAL));

module.exports = new Proxy(function archiver() {}, {
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  get: (_target, key) => load()[key],
});
