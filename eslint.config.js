// ESLint flat config. Type-aware linting is too slow for our machines, so this uses the
// non-type-checked recommended sets; `npm run typecheck` (tsc) covers what types can tell.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const code = '{platform,gateway,subgraphs,scripts,tests,bench,sdk}/**/*.{ts,tsx,js,mjs}';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/__generated__/**',
    // Written by `npm run migrate -- create`, committed as generated.
    'subgraphs/*/src/migrations/**',
    '.data/',
    'coverage/',
    'tests/artifacts/',
  ]),

  {
    files: [code, 'web/src/**/*.{ts,tsx}', '*.{ts,js}', 'web/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // STYLE.md: no `as any`; unknown plus a narrowing check says what is actually expected.
      '@typescript-eslint/no-explicit-any': 'error',
      // Node strips types without a compiler: a type imported as a value is a runtime import of
      // something that does not exist (tsconfig's verbatimModuleSyntax agrees).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Services log through pino (structured, redacted); console output bypasses both.
      'no-console': 'warn',
    },
  },

  {
    // Command-line tools and the simulator's entry point talk to a terminal.
    files: ['scripts/**', 'bench/**', 'subgraphs/*/simulator/main.ts', 'sdk/examples/**'],
    rules: { 'no-console': 'off' },
  },

  {
    files: ['web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // Documents live in `.graphql` files, each generated into its own typed module beside it, so a
      // route's chunk carries only its own documents. The preset's `graphql()` map holds every one.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '__generated__(/(gql|index)(\\.ts)?)?/?$',
              message:
                'Write the document in a .graphql file and import it from the graphql/__generated__ module beside it.',
            },
          ],
        },
      ],
    },
  },
);
