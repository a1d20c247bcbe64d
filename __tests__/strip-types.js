// Jest's transform for the TypeScript sources: sucrase removes the types and turns the imports
// into CommonJS requires, line for line (each line of its output is the same line of the source,
// so stack traces point at the source without source maps), in well under a millisecond a file.
// ts-jest compiles each file with the TypeScript compiler: on a clean checkout, whose jest cache is
// empty, that cost 12.6 s more CPU in the tests that need no Terraform (41 s instead of 35 s of
// jest time), and about as much in the others. Type-checking is `npm run typecheck`'s, before jest.
//
// What sucrase leaves as written: class fields, optional chaining and the other syntax of the
// compiler's ES2022 target (`disableESTransforms`). What it does differently from the compiler:
// a constructor's parameter properties (`constructor(readonly dir: string)`) are assigned in the
// constructor without being declared as fields first, so such a property comes after the class's
// declared fields among an object's own keys.
'use strict';
const { createHash } = require('crypto');
const { transform } = require('sucrase');
const { version } = require('sucrase/package.json');

/** Sucrase's options, in every cache key: a change here compiles every file again. */
const OPTIONS = { transforms: ['typescript', 'imports', 'jest'], disableESTransforms: true };

module.exports = {
  process(source, filePath) {
    return { code: transform(source, { ...OPTIONS, filePath }).code };
  },
  getCacheKey(source, filePath) {
    return createHash('sha256')
      .update(JSON.stringify([version, OPTIONS, filePath]))
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
