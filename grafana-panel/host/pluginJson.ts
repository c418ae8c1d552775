/** The plugin's id, read from `src/plugin.json`, the one place it is written. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const pluginId = (
  JSON.parse(readFileSync(join(__dirname, '..', 'src', 'plugin.json'), 'utf8')) as { id: string }
).id;
