#!/usr/bin/env node
const { startEarly } = await import('../dist/cli/start-early.js');
await startEarly(process.argv.slice(2));
const { execute } = await import('@oclif/core');

await execute({ dir: import.meta.url });
