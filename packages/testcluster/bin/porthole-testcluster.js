#!/usr/bin/env node
// The package bin: checks the Node version, then runs the TypeScript CLI directly (Node >= 22.19 strips types).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(
    `porthole-testcluster needs Node >= 22.19 (this is ${process.version}). ` +
      'Run it through the repo scripts (npm run demo, npm test), which install Node 24 when needed.',
  );
  process.exit(1);
}
await import('../src/cli.ts');
