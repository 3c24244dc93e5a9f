// Browser tests: the real app (API + worker, MariaDB, Redis) serving the built console, driven by
// Debian's Chromium through playwright-core. Run by scripts/browser-test.sh (npm run test:browser).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true } }];
module.exports = {
  rootDir: '../..',
  displayName: 'browser',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 180_000,
};
