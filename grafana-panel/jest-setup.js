// Jest setup provided by Grafana scaffolding; it needs a DOM, so node-environment tests
// (the Chromium loader test, the preview server) skip it.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
  // jsdom has no ResizeObserver; @grafana/ui's VizTooltipContainer measures itself with one.
  global.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
