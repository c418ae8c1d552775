/** The preview's API for the demo: `startPreview({ prometheusUrl, port, host })` → `{ url, close() }`. */
export { startPreview, type PreviewOptions, type RunningPreview } from './previewServer';
