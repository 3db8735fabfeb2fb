/**
 * Writes oclif.manifest.json at the package root from the built commands (dist/commands). With
 * it, oclif imports only the command being run; without it, every command and its dependencies
 * on every start, to learn their flags. `npm run build` runs this right after tsc, so the
 * manifest always describes the commands just built; it is build output, not kept in git.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = fileURLToPath(new URL('..', import.meta.url));
// ignoreManifest: read the commands themselves, never a manifest left by an earlier build.
const plugin = new Plugin({
  root,
  type: 'core',
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
});
await plugin.load();
const path = `${root}oclif.manifest.json`;
await writeFile(path, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
console.log(`wrote ${path} (${Object.keys(plugin.manifest.commands).length} commands)`);
