// `npm run test:browser`: the public page in headless Chromium (Debian's `chromium`, driven by
// playwright-core). Same transforms, path aliases and database set-up as the e2e project.
const root = require('../../jest.config.js');

const e2e = root.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  // One browser at a time on this 2-core machine.
  maxWorkers: 1,
};
