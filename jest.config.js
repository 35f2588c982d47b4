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

/**
 * Suites e2e-pg skips, each about SQLite itself or not about the database: the WAL checkpointer, the
 * SQLite backup endpoint and restore, the file quota, upgrades from SQLite fixture files, the built
 * server spawned as a process on its own SQLite data dir (first start, kill -9, agent faults), and
 * the docs checks (they read files).
 */
const SQLITE_ONLY = [
  '/node_modules/',
  '<rootDir>/test/wal-checkpointer\\.e2e-spec\\.ts$',
  '<rootDir>/test/backup\\.e2e-spec\\.ts$',
  '<rootDir>/test/reliability/backup-restore\\.e2e-spec\\.ts$',
  '<rootDir>/test/reliability/full-disk\\.e2e-spec\\.ts$',
  '<rootDir>/test/reliability/upgrade\\.e2e-spec\\.ts$',
  '<rootDir>/test/reliability/kill9\\.e2e-spec\\.ts$',
  '<rootDir>/test/reliability/agent-faults\\.e2e-spec\\.ts$',
  '<rootDir>/test/process\\.e2e-spec\\.ts$',
  '<rootDir>/test/docs/',
];

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
      // test/postgres/ is about PostgreSQL itself (several replicas, faults): e2e-pg runs it.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/postgres/'],
      testTimeout: 30_000,
    },
    // The same API e2e suite on PostgreSQL: one server for the run (test/support/postgres/global-setup.mjs),
    // a fresh database per app, copied from a migrated template (test/support/create-test-app.ts).
    {
      ...common,
      displayName: 'e2e-pg',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      // *.pg-spec.ts: PostgreSQL's own checks (its drift check, the migration lock), in this project only.
      testMatch: ['**/*.e2e-spec.ts', '**/*.pg-spec.ts'],
      testPathIgnorePatterns: SQLITE_ONLY,
      globals: { OPSTAGE_TEST_DIALECT: 'postgres' },
      globalSetup: '<rootDir>/test/support/postgres/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/postgres/global-teardown.mjs',
      testTimeout: 30_000,
    },
  ],
};
