// One lint for the whole tree: typescript-eslint's type-aware rules over all four workspaces, tests and
// benchmarks included, and React's hook rules for the designer. Formatting is Prettier's job (.prettierrc.json).
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const tests = ['**/*.test.{ts,tsx}', '**/test/**/*.ts', '**/bench/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '.cache/', '.data/', 'bench-results/', 'test-results/', 'coverage/'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          // Files no workspace tsconfig includes: root and workspace configs, the journey the engine's bench imports.
          allowDefaultProject: [
            '*.ts',
            'channels/vitest.config.ts',
            'workflows/vitest.config.ts',
            'workflows/bench/*.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A `let` a shutdown closure reads before start-up assigns it cannot be a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Passing on a caught `unknown` (`.catch((error) => ... Promise.reject(error))`) is rethrowing, not a bug.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `_`-named parameters keep a required arity (Express error handlers); rest siblings omit keys from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Mongoose `Mixed` fields (drafts, IR, traits, settings) are typed `any` and are passed through whole;
      // they are parsed with zod where they enter, so every such hand-over would be flagged without a bug.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Async functions that implement a promise-returning interface (providers, steps, stand-ins) need no await.
      '@typescript-eslint/require-await': 'off',
      // Stores and factories hand out closures, not `this`-bound methods; the rule cannot tell them apart.
      '@typescript-eslint/unbound-method': 'off',
      // Form fields and JSON values are turned into text with String() on purpose; the rule flags each of them.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests read HTTP and driver responses as untyped JSON and assert on their fields.
    files: tests,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['designer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules; the React Compiler rules of the plugin's newer presets do not apply (no compiler here).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
