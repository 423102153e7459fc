#!/usr/bin/env node
// Porthole runs its TypeScript sources directly (Node's type stripping), and its Kubernetes client needs
// undici 8: both want Node >= 22.19. Check before importing anything that would fail obscurely.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(
    `porthole: Node ${process.versions.node} is too old; Porthole needs Node >= 22.19 (Node 24 LTS recommended).\n` +
      'From the repository, `npm start -- ARGS` installs Node 24 into ~/.cache/porthole/node24 when needed.',
  );
  process.exit(1);
}

// The workspace packages (@porthole/protocol, @porthole/plugin-kit) from their TypeScript sources, as in
// the rest of the repository (their `exports` give dist/ to everyone else): the `porthole-source` condition.
const { registerHooks } = await import('node:module');
registerHooks({
  resolve: (specifier, context, nextResolve) =>
    nextResolve(specifier, { ...context, conditions: ['porthole-source', ...context.conditions] }),
});

const { main } = await import('../src/main.ts');
await main(process.argv.slice(2));
