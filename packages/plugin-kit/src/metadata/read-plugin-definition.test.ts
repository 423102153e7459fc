import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPluginDefinition } from './read-plugin-definition.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

// Inside the checkout (gitignored), so the plugin resolves @porthole/sdk as a workspace plugin would.
let scratch: string;
beforeAll(async () => {
  await mkdir(join(repoRoot, '.test-results'), { recursive: true });
  scratch = await mkdtemp(join(repoRoot, '.test-results', 'read-plugin-'));
  await writeFile(
    join(scratch, 'package.json'),
    '{ "name": "read-plugin", "private": true, "type": "module" }\n',
  );
  await writeFile(join(scratch, 'Page.tsx'), 'export default function Page() { return <p>page</p>; }\n');
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function read(source: string) {
  const file = join(scratch, `plugin-${Math.random().toString(36).slice(2)}.ts`);
  await writeFile(file, source);
  return readPluginDefinition(scratch, file);
}

describe('readPluginDefinition', () => {
  it('imports plugin.ts in Node without running its lazy pages, and summarises it', async () => {
    const result = await read(`import { definePlugin } from '@porthole/sdk';
export default definePlugin({ name: 'demo', version: '1.0.0', sdk: '^1.0.0',
  extensions: [{ type: 'route', path: 'demo', title: 'Demo', component: () => import('./Page.tsx') }] });
`);
    expect(result).toEqual({
      ok: true,
      name: 'demo',
      version: '1.0.0',
      sdk: '^1.0.0',
      contributes: {
        routes: [{ path: 'demo', title: 'Demo' }],
        resourceActions: [],
        resourceListActions: [],
        resourceTabs: [],
        extensionPoints: [],
        pointExtensions: [],
      },
    });
  });

  it('says what arrived when the default export is not a definePlugin() result', async () => {
    const result = await read(`export default { name: 'demo' };\n`);
    expect(!result.ok && result.reason).toContain(
      "the module's default export is not a definePlugin() result: it is an object with keys name",
    );
  });

  it('explains that pages must be imported lazily when plugin.ts imports one directly', async () => {
    const result = await read(`import Page from './Page.tsx';
import { definePlugin } from '@porthole/sdk';
export default definePlugin({ name: 'demo', version: '1.0.0', sdk: '^1.0.0', extensions: [] });
console.log(Page);
`);
    expect(!result.ok && result.reason).toContain('plugin.ts must import its pages lazily');
  });

  it('reports a plugin.ts that throws while loading', async () => {
    const result = await read(`throw new Error('broken at load');\n`);
    expect(!result.ok && result.reason).toContain('broken at load');
  });
});

describe('readPluginDefinition config', () => {
  it("writes the plugin's config schema as JSON Schema, and refuses one JSON Schema can't express", async () => {
    const result = await read(`import { definePlugin } from '@porthole/sdk';
import * as z from 'zod/mini';
export default definePlugin({ name: 'demo', version: '1.0.0', sdk: '*', extensions: [],
  config: z.object({ greeting: z._default(z.string(), 'Hello') }) });
`);
    expect(result).toMatchObject({
      ok: true,
      config: {
        type: 'object',
        properties: { greeting: { type: 'string', default: 'Hello' } },
        additionalProperties: false,
      },
    });
    const refused = await read(`import { definePlugin } from '@porthole/sdk';
import * as z from 'zod/mini';
export default definePlugin({ name: 'demo', version: '1.0.0', sdk: '*', extensions: [],
  config: z.object({ since: z.date() }) });
`);
    expect(refused).toMatchObject({
      ok: false,
      reason: expect.stringContaining('config cannot be written as JSON Schema'),
    });
  });
});
