// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Module DAG (docs/design/architecture.md, "Module DAG"): each entry lists the src/ folders a module must NOT import.
 * Lower layers never reach up; domain modules never import auth/ (policy decorators live in common/)
 * nor agent-gateway/ (the agent protocol calls the domains, never the reverse).
 */
const FORBIDDEN = {
  common: [
    'config',
    'audit',
    'users',
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'system',
    'settings',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'cluster',
    'approvals',
    'notifications',
    'schedules',
  ],
  config: [
    'database',
    'audit',
    'users',
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'system',
    'settings',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'cluster',
    'approvals',
    'notifications',
    'schedules',
  ],
  database: [
    'audit',
    'users',
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'system',
    'settings',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'cluster',
    'approvals',
    'notifications',
    'schedules',
  ],
  cluster: [
    'audit',
    'users',
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'system',
    'settings',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  audit: [
    'users',
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  settings: [
    'users',
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  system: [
    'users',
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  users: [
    'auth',
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  auth: [
    'registration-tokens',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  'registration-tokens': [
    'auth',
    'agents',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  agents: [
    'auth',
    'capsule-services',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  'capsule-services': [
    'auth',
    'commands',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  commands: [
    'auth',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  // Four-eyes approval sits beside bus/: it needs commands/ and api-tokens/, and maintenance/ sweeps through it.
  approvals: [
    'auth',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'notifications',
    'schedules',
  ],
  bus: [
    'auth',
    'maintenance',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
    'schedules',
  ],
  maintenance: ['extensions', 'agent-gateway', 'live-events', 'overview', 'bulk', 'notifications'],
  // Notifications sit above maintenance/ (ScheduledJobs runs their evaluation once across replicas); nothing imports them.
  notifications: [
    'auth',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'bus',
    'approvals',
    'schedules',
  ],
  // Scheduled actions sit beside bus/ and approvals/: they run through commands/; maintenance/ ticks and sweeps them.
  schedules: [
    'auth',
    'maintenance',
    'bus',
    'extensions',
    'agent-gateway',
    'live-events',
    'overview',
    'bulk',
    'approvals',
    'notifications',
  ],
  // The agent protocol sits above the domains it calls; only the app module (and extensions' readers) import it.
  'agent-gateway': [
    'auth',
    'maintenance',
    'extensions',
    'live-events',
    'overview',
    'bulk',
    'notifications',
    'schedules',
  ],
  // Console read models and operations over several domains; nothing below imports them.
  'live-events': ['maintenance', 'extensions', 'agent-gateway', 'overview', 'bulk', 'notifications', 'schedules'],
  overview: ['auth', 'maintenance', 'extensions', 'agent-gateway', 'live-events', 'bulk', 'notifications', 'schedules'],
  bulk: ['auth', 'maintenance', 'extensions', 'agent-gateway', 'live-events', 'overview', 'notifications', 'schedules'],
};

/**
 * src/contracts/ is the bottom of the DAG: the admin API's wire types, compiled by the server and the
 * console alike (docs/design/architecture.md, "Shared contracts"). It imports only its own files: no
 * other src/ folder and no library, so the console never pulls server code through it.
 */
const contractsBlock = {
  files: ['src/contracts/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(?!\\./)',
            message: 'src/contracts imports only its own files (types only; module DAG, docs/design/architecture.md)',
          },
        ],
      },
    ],
    '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
    'no-restricted-syntax': [
      'error',
      {
        selector:
          'Program > :matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, TSEnumDeclaration), ExportNamedDeclaration > :matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, TSEnumDeclaration)',
        message:
          'src/contracts holds types only: no values, functions, classes or enums (the console compiles it too).',
      },
    ],
  },
};

const boundaryBlocks = Object.entries(FORBIDDEN).map(([module, forbidden]) => ({
  files: [`src/${module}/**/*.ts`],
  // The entity registry and the data source list every table by design.
  ignores: ['src/database/entities.ts', 'src/database/data-source-options.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((f) => ({
          group: module === 'common' ? [`../../${f}/*`] : [`../${f}/*`, `../../${f}/*`],
          message: `${module}/ must not import ${f}/ (module DAG, docs/design/architecture.md)`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'admin-ui/dist/**',
      'admin-ui/.angular/**',
      'admin-ui/e2e/**',
      'sdk/dist/**',
      'sdk/dist-examples/**',
      'sdk/build-test/**',
      'cli/dist/**',
      'cli/build-test/**',
      'coverage/**',
      'bench/**',
      'scripts/**',
      '*.mjs',
      '*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through APP_CONFIG (src/config only).',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/**/*.entity.ts', 'src/database/**', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              message:
                'Only repositories, entities and src/database import typeorm (docs/design/architecture.md, "House rules").',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The console has its own tsconfigs (app and spec); Angular's root tsconfig only references them.
    files: ['admin-ui/src/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./admin-ui/tsconfig.app.json', './admin-ui/tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-restricted-syntax': 'off',
      // The console renders arbitrary agent-provided JSON; objects are JSON.stringified first and
      // String() is the intended rendering of the remaining scalars.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  ...boundaryBlocks,
  contractsBlock,
  // Extensions (first-party and the documented example) reach the server only through src/extensions/index.ts.
  ...[
    { files: ['src/extensions/webhook-notifier/*.ts'], regex: '^\\.\\./(?!index$)' },
    { files: ['src/extensions/webhook-notifier/*/**/*.ts'], regex: '^\\.\\./\\.\\./(?!index$)' },
    { files: ['test/fixtures/example-extension/*.ts'], regex: '^\\.\\./(?!\\.\\./\\.\\./src/extensions(/index)?$)' },
    {
      files: ['test/fixtures/example-extension/*/**/*.ts'],
      regex: '^\\.\\./\\.\\./(?!\\.\\./\\.\\./src/extensions(/index)?$)',
    },
  ].map(({ files, regex }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex,
              message:
                'Extensions import the server only from src/extensions/index.ts (docs/design/decisions.md, "One import path for extensions").',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/config/**/*.ts', 'src/main.ts', 'src/database/data-source.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // node:test's describe/it return promises the runner itself tracks.
    files: ['sdk/test/**/*.ts', 'cli/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
    },
  },
  // The SDK is a standalone package: its env fallbacks (sdk/README.md, "Options") are part of its contract.
  { files: ['sdk/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // The CLI's entry point hands its environment (OPSTAGE_URL, OPSTAGE_TOKEN, XDG_CONFIG_HOME) to the rest as arguments.
  { files: ['cli/src/main.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: [
      'test/**/*.ts',
      'src/**/*.spec.ts',
      'migrations/**/*.ts',
      'sdk/test/**/*.ts',
      'sdk/test-support/**/*.ts',
      'cli/test/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
