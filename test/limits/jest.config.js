// `npm run test:limits`: files at the size limits of API.md (an import of 2,000,001 rows), out of
// `npm test`: streaming and staging two million rows takes minutes on a shared 2-core machine.
// Same transforms, path aliases and database set-up as the e2e project.
const root = require('../../jest.config.js');

const e2e = root.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'limits',
  testMatch: ['<rootDir>/test/limits/**/*.limits-spec.ts'],
  maxWorkers: 1,
};
