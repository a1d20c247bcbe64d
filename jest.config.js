/** Tests run from TypeScript sources with their types removed (`__tests__/strip-types.js`); type-checking is done once by `npm run typecheck`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/__tests__/strip-types.js',
  },
  // cdktf's `archiver`, required only when it is used (see the file).
  moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/deferred-archiver.js' },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  globalSetup: '<rootDir>/__tests__/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/global-teardown.ts',
  testSequencer: '<rootDir>/__tests__/test-sequencer.js',
  // Jest's default is one worker less than the cores: one on a two-core machine. Terraform's
  // commands wait on its provider often enough that two workers there take 214 s instead of 317 s.
  maxWorkers: 2,
  // How long jest waits for a worker to end before it kills it and warns of leaked handles. By
  // the last file a worker's heap holds 700-900 MB, which the process takes 0.3 s (idle machine)
  // to over half a second (both workers ending at once) to give back after its last handle
  // closed; jest's default is half a second.
  workerGracefulExitTimeout: 5_000,
  // Terraform-backed tests set their own, longer timeouts.
  testTimeout: 30_000,
};
