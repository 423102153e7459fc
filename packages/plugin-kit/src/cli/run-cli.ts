import { parseArgs } from 'node:util';
import { CreatePluginError, createPlugin, defaultPluginDir, nextSteps } from '../create/create-plugin.ts';

/** Where {@link runCli} writes. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const cliUsage = `usage: porthole-plugin create NAME [--dir DIR]
  (npx @porthole/plugin-kit create NAME)

create   scaffolds a Porthole plugin named NAME (a lowercase DNS label) into DIR, default ./NAME
         (plugins/NAME inside a Porthole checkout): a page listing pods, its test, build, dev server,
         typecheck and lint
`;

/**
 * The `porthole-plugin` command: parses `argv`, runs it, and returns the exit code (0, or 1 with the
 * reason on `err`, or 2 for a usage error).
 *
 * @example
 * process.exitCode = await runCli(['create', 'my-plugin'], process.cwd(), { out: console.log, err: console.error });
 */
export async function runCli(argv: readonly string[], cwd: string, output: CliOutput): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    output.err(`${err instanceof Error ? err.message : String(err)}\n${cliUsage}`);
    return 2;
  }
  if (parsed.values.help) {
    output.out(cliUsage);
    return 0;
  }
  const [command, name, ...extra] = parsed.positionals;
  if (command !== 'create' || !name || extra.length > 0) {
    output.err(
      `${command && command !== 'create' ? `unknown command "${command}"\n` : 'create takes one NAME\n'}${cliUsage}`,
    );
    return 2;
  }
  try {
    const result = await createPlugin({ name, dir: parsed.values.dir ?? defaultPluginDir(name, cwd) });
    output.out(`${nextSteps(result, name, cwd)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof CreatePluginError)) throw err;
    output.err(`porthole-plugin: ${err.message}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}
