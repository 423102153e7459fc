// Builds the e2e fixture plugins (fixtures/plugins/*/) with the plugin kit, one after the other, into
// fixtures/plugins/NAME/dist/, which fixtures/plugins.yaml registers. Run by `npm run build` here (turbo
// runs it before the e2e tests).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRsbuild, loadConfig } from '@rsbuild/core';

const fixtures = fileURLToPath(new URL('../fixtures/plugins/', import.meta.url));

const names = readdirSync(fixtures).filter((name) => existsSync(join(fixtures, name, 'rsbuild.config.ts')));
for (const name of names) {
  const cwd = join(fixtures, name);
  // As `npm run build` in the plugin's folder: the preset takes the plugin's root from the working folder.
  process.chdir(cwd);
  const { content } = await loadConfig({ cwd });
  const rsbuild = await createRsbuild({ cwd, rsbuildConfig: { ...content, mode: 'production' } });
  await rsbuild.build();
  console.log(`built fixture plugin ${name}`);
}
