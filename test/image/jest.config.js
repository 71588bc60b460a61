// `npm run test:image`: the Docker image's layout without a Docker daemon (a production-only
// copy of the built service run as an unprivileged user). Its own run, out of `npm test`: it
// builds and prunes a copy, about a minute. Same transforms, aliases and database set-up as e2e.
const root = require('../../jest.config.js');

const e2e = root.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'image',
  testMatch: ['<rootDir>/test/image/**/*.image-spec.ts'],
  maxWorkers: 1,
};
