/** Two projects: unit specs next to the code, e2e specs in test/ (real SQLite files, real HTTP). */
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    '^@opstage/agent-node$': '<rootDir>/sdk/src/index.ts',
    '^@opstage/agent-node/protocol$': '<rootDir>/sdk/src/protocol.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
};

module.exports = {
  // Jest 30 reads the timeout from the global config only (the e2e project's own value below was
  // ignored, so loaded CI machines hit the 5 s default in e2e hooks).
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    // e2e specs start real servers, agents and timers; a loaded 2-core CI machine needs headroom.
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      testTimeout: 30_000,
    },
  ],
};
