#!/usr/bin/env node
// `npx @porthole/plugin-kit create NAME [--dir DIR]` (the kit's `porthole-plugin` command): scaffolds a
// plugin, a project of its own outside a Porthole checkout or a workspace inside one.
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2), process.cwd(), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
