// One jest run over every workspace, so `npm test` prints one summary.
module.exports = {
  projects: [
    '<rootDir>/otel-exporter',
    '<rootDir>/rules',
    '<rootDir>/grafana-panel',
    '<rootDir>/examples',
    '<rootDir>/tests',
  ],
};
