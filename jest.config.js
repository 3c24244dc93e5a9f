// Two projects: unit specs beside the code, e2e specs that boot the app against real MariaDB/Redis.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
  },
];
module.exports = {
  // A cap, not a speed target: a round or an import through the real queue can take several
  // seconds on a busy 2-core machine (a project's own testTimeout is not read by Jest).
  testTimeout: 30_000,
  // How long a worker may take to end once its files are done (Jest's default is 500 ms). An e2e
  // worker ends holding 1.5-1.7 GB (an app booted a file), its event loop empty 50-110 ms after
  // it is told to end; handing that memory back took both at once 1.8-1.9 s more on this 2-core
  // VM, so Jest killed them and warned of a leak there was not. A worker that leaks a handle is
  // still killed and reported, after ten seconds.
  workerGracefulExitTimeout: 10_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  ],
};
