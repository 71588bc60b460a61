// `npm run lint`: typescript-eslint's type-aware rules, and the layering of DESIGN.md rule 3
// as import rules. Formatting is Prettier's job (eslint-config-prettier turns off what it owns).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The contexts in dependency order: a library may import only those before it, so
 * dependencies point one way and contexts cannot import each other in a circle
 * (DESIGN.md rule 3: hiring -> certification, officers, discipline -> core, database, audit, auth).
 * A new library goes into this list where its dependencies put it.
 */
const LAYERS = [
  'core',
  'database',
  'jobs',
  'mail',
  'audit',
  'notifications',
  'organizations',
  'auth',
  'disputes',
  'officers',
  'training',
  'certification',
  'discipline',
  'merges',
  'hiring',
  'officer-portal',
  'public',
  'imports',
  'workspace',
  'runtime',
];

/** Entry points besides `@app/<lib>` itself, declared as paths in tsconfig.json. */
const EXTRA_ENTRY_POINTS = ['@app/database/bootstrap'];

const deepAliasImport = {
  group: ['@app/*/**', ...EXTRA_ENTRY_POINTS.map((entry) => `!${entry}`)],
  message: "Import another context only through its index: '@app/<lib>' (DESIGN.md rule 3).",
};

/** Relative paths into a library from outside it (apps, test, bench, migrations). */
const relativeLibImport = {
  regex: '(^|/)libs/',
  message: "Import a library through '@app/<lib>', not by a relative path into its files (DESIGN.md rule 3).",
};

/** Inside a library's src/, a relative import never names a `src` folder unless it leaves the library. */
const relativeCrossLibImport = {
  regex: '^\\.\\.?/(.*/)?src(/|$)',
  message: "Import another context only through '@app/<lib>', not by a relative path into its files (DESIGN.md rule 3).",
};

const appImport = {
  regex: '(^|/)apps/',
  message: 'Libraries never import from apps/: delivery depends on the domain, not the reverse (DESIGN.md Layout).',
};

const frameworkInDomain = [
  {
    group: ['@nestjs/*', 'typeorm', 'typeorm/**'],
    message: 'domain/ is pure: no Nest and no TypeORM (DESIGN.md rule 1). Put I/O in the service or persistence/.',
  },
  { regex: '(^|/)persistence(/|$)|\\.entity$', message: 'domain/ is pure: it does not import persistence files (DESIGN.md rule 1).' },
];

function libraryPatterns(lib) {
  const below = LAYERS.slice(0, LAYERS.indexOf(lib));
  return [
    deepAliasImport,
    {
      regex: `^@app/(?!(${below.join('|') || '$^'})(/|$))`,
      message: `'${lib}' may import only the contexts before it in LAYERS (eslint.config.mjs): ${below.join(', ') || 'none'}. Dependencies point one way (DESIGN.md rule 3).`,
    },
    relativeCrossLibImport,
    appImport,
  ];
}

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const layering = [
  ...LAYERS.flatMap((lib) => [
    { name: `layering/${lib}`, files: [`libs/${lib}/**/*.ts`], rules: restrict(libraryPatterns(lib)) },
    { name: `layering/${lib}/domain`, files: [`libs/${lib}/src/domain/**/*.ts`], rules: restrict([...libraryPatterns(lib), ...frameworkInDomain]) },
  ]),
  {
    name: 'layering/libs-unlisted',
    files: ['libs/**/*.ts'],
    ignores: LAYERS.map((lib) => `libs/${lib}/**`),
    rules: restrict([{ regex: '.', message: 'This library is not in LAYERS (eslint.config.mjs): add it where its dependencies put it.' }]),
  },
  { name: 'layering/outside-libs', files: ['apps/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'], rules: restrict([deepAliasImport, relativeLibImport]) },
  {
    // Jest's globalSetup runs outside its moduleNameMapper, so the @app/* aliases do not resolve
    // there: it reaches the database's bootstrap entry point (the target of '@app/database/bootstrap') by path.
    name: 'layering/test-global-setup',
    files: ['test/support/global-setup.ts'],
    rules: restrict([deepAliasImport, { regex: '(^|/)libs/(?!database/src/bootstrap$)', message: relativeLibImport.message }]),
  },
  {
    // Migrations also run from the tests' globalSetup (no aliases there) and must stay as they were
    // written: they may use a library's pure domain/ functions by path, nothing with Nest or TypeORM.
    name: 'layering/migrations',
    files: ['migrations/**/*.ts'],
    rules: restrict([
      { group: ['@app/*', '@app/*/**'], message: "Migrations run outside the path aliases (the tests' globalSetup): import by relative path." },
      { regex: '(^|/)libs/(?![^/]+/src/domain/)', message: "Migrations may import only a library's pure domain/ files." },
      appImport,
    ]),
  },
];

export default tseslint.config(
  // client/schema.d.ts is written by openapi-typescript (npm run generate:client).
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.data/**', 'test-output/**', 'client/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // The house's way to say "deliberately unused": a leading underscore (`for (const _ of text)`,
      // `const { status: _status, ...rest } = row` to leave a field out).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read HTTP bodies (supertest types them `any`) and raw rows, and match them with Jest's
    // asymmetric matchers (`expect.any(String)` is typed `any`): ~600 findings of the no-unsafe-*
    // family, each on a value the assertion itself checks. Source code keeps them.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The staff console (apps/console): browser code, type-checked by its own tsconfig (DOM, Preact's JSX).
    files: ['apps/console/src/**/*.ts', 'apps/console/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['apps/console/vite.config.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // The public page's script: a browser file served as is.
    files: ['apps/api/src/public-page/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  ...layering,
  prettier,
);
