// `npm run test:crash`: the built service killed with `kill -9` mid-batch, and its PostgreSQL
// stopped with `-m immediate` mid-load, on a throwaway cluster of the test's own (never the
// machine's server). Its own run, out of `npm test`: about five minutes. Same transforms and
// aliases as e2e; no template database (the test makes its own cluster).
const root = require('../../jest.config.js');

const e2e = root.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'crash',
  testMatch: ['<rootDir>/test/crash/**/*.crash-spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  setupFilesAfterEnv: [],
  maxWorkers: 1,
};
