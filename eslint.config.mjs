// Type-aware lint that finds bugs (floating promises, non-exhaustive switches), Prettier for layout.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.local/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      'bench/out/**',
      // The console has its own compiler settings (bundler resolution, DOM); scripts/web-check.sh
      // typechecks it strictly with web/tsconfig.json.
      'web/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
    },
  },
  {
    // One owner per table: a feature reaches another feature's rows only through that
    // feature's exported service, never through its entities or its repository.
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/*.entity', '../../*/*.entity', '../*/*.repository', '../../*/*.repository'],
              message:
                "Another module's entities and repositories are its own: call its exported service.",
            },
          ],
        },
      ],
    },
  },
  {
    // SQL lives in repositories: the data source and entity managers run queries nowhere else.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/database/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(query|getRepository|createQueryBuilder)$/]",
          message: 'Queries belong in a *.repository.ts file of the module that owns the table.',
        },
      ],
    },
  },
  {
    // Tests read loosely typed HTTP bodies; the unsafe-any family would only add noise there.
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
