// One style for the whole repository: the Grafana plugin scaffold's.
module.exports = {
  ...require('./grafana-panel/.config/.prettierrc.js'),
};
