// What `archiver` resolves to in the tests (jest.config.js's moduleNameMapper): cdktf requires it
// when it loads, for TerraformAsset, which the project never uses, and jest loads it again for
// each test file (fifty modules, about 45 ms). As the command does (`deferArchiver` in
// bin/run.js), the real module is required the first time it is called or read, by its path.
// CDK Terrain's cdktf has no archiver and never requires one.
'use strict';
const { archiverOfCdktf } = require('./helpers/archiver-of-cdktf');

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
