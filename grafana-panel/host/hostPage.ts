/** The HTML of the host page: SystemJS with its AMD extra, the host bundle, and panel slots. */

export interface HostPageOptions {
  readonly title: string;
  /** Element ids of the panels, laid out in a grid like a dashboard row. */
  readonly panels: readonly string[];
  /** An extra script URL loaded after the host (the preview's refresh loop). */
  readonly script?: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function hostPage({ title, panels, script }: HostPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; padding: 16px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .panels { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
</style>
<script>
  // What Grafana's index.html defines before any module runs; @grafana/runtime reads it.
  window.grafanaBootData = { settings: { buildInfo: { version: '12.4.10' }, featureToggles: {} }, user: {}, navTree: [] };
</script>
<script src="/systemjs/system.js"></script>
<script src="/systemjs/extras/amd.js"></script>
<script src="/host.js"></script>
${script === undefined ? '' : `<script src="${escapeHtml(script)}" defer></script>`}
</head>
<body>
<main>
<h1 class="sr-only">${escapeHtml(title)}</h1>
<div class="panels">${panels.map((id) => `<div id="${escapeHtml(id)}"></div>`).join('')}</div>
</main>
</body>
</html>
`;
}
