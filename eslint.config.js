// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources and
// tests; layout is Prettier's (eslint-config-prettier turns off the rules that would fight it).
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'lib/', 'generated/', 'examples/cdktf-app/', '**/*.js', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      // `_name` marks what is taken apart on purpose and not used.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests build specs and read synthesized JSON as loosely typed data.
    files: ['__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // What is loaded when is what this test asserts: it requires modules at the moment it means to.
    files: ['__tests__/access/isolation.test.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
