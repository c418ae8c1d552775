// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const [[pattern, swc]] = Object.entries(base.transform);

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  displayName: 'grafana-panel',
  // Hoisted d3-* packages resolve to their `.mjs` builds here; swc must transform those too.
  transform: { [pattern]: swc, '^.+\\.mjs$': swc },
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // Workspace packages resolve to their sources, as in the Node workspaces (jest.node.js).
    '^@nowcast/test-support$': require('path').join(__dirname, '..', 'tests', 'support', 'src', 'index.ts'),
    '^@nowcast/otel-exporter$': require('path').join(__dirname, '..', 'otel-exporter', 'src', 'index.ts'),
    '^@nowcast/otel-exporter/(.*)$': require('path').join(__dirname, '..', 'otel-exporter', 'src', '$1'),
    '^@nowcast/rules$': require('path').join(__dirname, '..', 'rules', 'src', 'index.ts'),
  },
  // Component and transform tests live in src/; the Chromium host and the preview beside it.
  testMatch: [...base.testMatch, '<rootDir>/{host,preview,scripts}/**/*.test.ts'],
};
