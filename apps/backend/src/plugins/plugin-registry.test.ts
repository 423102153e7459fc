import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConfigChecker } from './config-checker.ts';
import { writePluginBuild } from './plugin-fixtures.ts';
import { createPluginRegistry, type PluginRegistry } from './plugin-registry.ts';
import type { PluginRegistryChange } from './registry-change.ts';

let dir: string;
let file: string;
let registry: PluginRegistry | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-plugin-registry-'));
  file = join(dir, 'plugins.yaml');
  await writePluginBuild(join(dir, 'cronjobs'), { name: 'cronjobs' });
  await writePluginBuild(join(dir, 'editor'), { name: 'editor' });
});

afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await rm(dir, { recursive: true, force: true });
});

const registryText = (bundle: string[]) =>
  `plugins:\n  cronjobs: { path: ./cronjobs }\n  editor: { path: ./editor }\nbundles:\n  default: [${bundle.join(', ')}]\n`;

async function start(options: { file?: string } = {}) {
  const changes: PluginRegistryChange[] = [];
  registry = await createPluginRegistry({ file: options.file ?? file, log: () => {} });
  registry.subscribe((change) => changes.push(change));
  return { registry, changes };
}

const namesOf = (r: PluginRegistry) => r.bundleManifest('default').plugins.map((p) => p.name);

/** Waits for `check` to pass (eventually: a machine busy with clusters may take a second). */
async function eventually(check: () => void): Promise<void> {
  await vi.waitFor(check, { timeout: 10_000, interval: 5 });
}

describe('createPluginRegistry', () => {
  it('adds and removes plugins after an edit of the registry file, and tells subscribers', async () => {
    await writeFile(file, registryText(['cronjobs']));
    const { registry, changes } = await start();
    expect(namesOf(registry)).toEqual(['cronjobs']);
    await writeFile(file, registryText(['cronjobs', 'editor']));
    await eventually(() => expect(namesOf(registry)).toEqual(['cronjobs', 'editor']));
    expect(changes.at(-1)).toMatchObject({ bundlesChanged: true, registryError: undefined });
    await writeFile(file, 'plugins:\n  editor: { path: ./editor }\nbundles:\n  default: [editor]\n');
    await eventually(() => expect(namesOf(registry)).toEqual(['editor']));
    expect(changes.at(-1)).toMatchObject({ removed: ['cronjobs'] });
  });

  it('sees a save by rename', async () => {
    await writeFile(file, registryText(['cronjobs']));
    const { registry } = await start();
    const temporary = join(dir, '.plugins.yaml.swp');
    await writeFile(temporary, registryText(['editor']));
    await rename(temporary, file);
    await eventually(() => expect(namesOf(registry)).toEqual(['editor']));
  });

  it('keeps the last good registry when an edit breaks it, reports why, and clears that once fixed', async () => {
    await writeFile(file, registryText(['cronjobs']));
    const { registry, changes } = await start();
    await writeFile(file, registryText(['cronjobs', 'nope']));
    await eventually(() => expect(registry.bundleManifest('default').registryError).toBeDefined());
    const broken = registry.bundleManifest('default');
    expect(broken.plugins.map((p) => p.name)).toEqual(['cronjobs']);
    expect(broken.registryError?.details?.causes).toEqual([
      { field: 'bundles.default[1]', message: 'plugin "nope" is not defined under plugins' },
    ]);
    expect(changes.at(-1)?.registryError?.code).toBe(422);
    await writeFile(file, registryText(['editor']));
    await eventually(() => expect(namesOf(registry)).toEqual(['editor']));
    expect(registry.bundleManifest('default').registryError).toBeUndefined();
  });

  it('re-reads a plugin folder when its build changes: new entry, new integrity', async () => {
    await writeFile(file, registryText(['cronjobs']));
    const { registry, changes } = await start();
    const entry = await writePluginBuild(join(dir, 'cronjobs'), {
      name: 'cronjobs',
      version: '1.0.1',
      entry: 'var porthole_cronjobs = "rebuilt";\n',
    });
    const integrity = `sha384-${createHash('sha384').update(entry).digest('base64')}`;
    await eventually(() =>
      expect(registry.bundleManifest('default').plugins[0]).toMatchObject({ version: '1.0.1', integrity }),
    );
    expect(changes.at(-1)).toMatchObject({ changed: ['cronjobs'] });
    const served = await registry.readFile('cronjobs', 'remoteEntry.js');
    expect(Buffer.from(served.bytes)).toEqual(entry);
  });

  it('advertises the integrity pinned in the registry file instead of the hash of the served entry', async () => {
    const pin = `sha384-${'A'.repeat(64)}`;
    await writeFile(
      file,
      `plugins:\n  cronjobs: { path: ./cronjobs, integrity: "${pin}" }\n  editor: { path: ./editor }\nbundles:\n  default: [cronjobs, editor]\n`,
    );
    const { registry } = await start();
    const [cronjobs, editor] = registry.bundleManifest('default').plugins;
    expect(cronjobs).toMatchObject({ status: 'ok', integrity: pin });
    expect(editor).toMatchObject({ status: 'ok', integrity: expect.stringMatching(/^sha384-/) });
    expect(editor).not.toMatchObject({ integrity: pin });
  });

  it('shows a plugin whose folder is removed as an error, and loads it again once rebuilt', async () => {
    await writeFile(file, registryText(['cronjobs']));
    const { registry } = await start();
    await rm(join(dir, 'cronjobs'), { recursive: true });
    await eventually(() =>
      expect(registry.bundleManifest('default').plugins[0]).toMatchObject({
        status: 'error',
        error: expect.stringContaining('does not exist'),
      }),
    );
    await writePluginBuild(join(dir, 'cronjobs'), { name: 'cronjobs' });
    await eventually(() => expect(registry.bundleManifest('default').plugins[0]?.status).toBe('ok'));
  });

  it('starts empty with the error when the file is missing, and picks it up once written', async () => {
    const { registry } = await start();
    const first = registry.bundleManifest('default');
    expect(first.plugins).toEqual([]);
    expect(first.registryError?.message).toContain('does not exist');
    await writeFile(file, registryText(['editor']));
    await eventually(() => expect(namesOf(registry)).toEqual(['editor']));
  });

  it('reads plugins.yaml when given a folder', async () => {
    await writeFile(file, registryText(['editor']));
    const { registry } = await start({ file: dir });
    expect(namesOf(registry)).toEqual(['editor']);
  });

  it('says why a folder is not a plugin the registry names', async () => {
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'bad', 'porthole-plugin.json'), '{"name": "bad"');
    await writePluginBuild(join(dir, 'other'), { name: 'other' });
    await writeFile(
      file,
      'plugins:\n  bad: { path: ./bad }\n  renamed: { path: ./other }\nbundles:\n  default: [bad, renamed]\n',
    );
    const { registry } = await start();
    const [bad, renamed] = registry.bundleManifest('default').plugins;
    expect(bad).toMatchObject({
      status: 'error',
      error: expect.stringContaining('porthole-plugin.json is not JSON'),
    });
    expect(renamed).toMatchObject({
      status: 'error',
      error: 'porthole-plugin.json names the plugin "other", but the registry calls it "renamed"',
    });
  });
});

describe('createPluginRegistry config', () => {
  const greetingSchema = {
    type: 'object',
    properties: { greeting: { type: 'string', default: 'Hello', maxLength: 40 } },
    additionalProperties: false,
  };

  it("serves each bundle's validated config with the manifest; a bad value fails only that plugin, naming the field", async () => {
    await writePluginBuild(join(dir, 'hello'), { name: 'hello', metadata: { config: greetingSchema } });
    await writeFile(
      file,
      [
        'plugins:',
        '  hello: { path: ./hello, config: { greeting: Hi } }',
        '  cronjobs: { path: ./cronjobs }',
        'bundles:',
        '  default: [hello, cronjobs]',
        '  payments: [{ plugin: hello, config: { greeting: Hello payments } }, cronjobs]',
        '  broken: [{ plugin: hello, config: { greeting: 7 } }, cronjobs]',
        '  plain: [{ plugin: cronjobs, config: { x: 1 } }]',
      ].join('\n'),
    );
    const { registry } = await start();
    const [hello, cronjobs] = registry.bundleManifest('default').plugins;
    expect(hello).toMatchObject({ status: 'ok', name: 'hello', config: { greeting: 'Hi' } });
    expect(cronjobs).toMatchObject({ status: 'ok', name: 'cronjobs' });
    expect(cronjobs).not.toHaveProperty('config');
    expect(registry.bundleManifest('payments').plugins[0]).toMatchObject({
      config: { greeting: 'Hello payments' },
    });
    const broken = registry.bundleManifest('broken').plugins;
    expect(broken[0]).toMatchObject({
      status: 'error',
      name: 'hello',
      version: '1.0.0',
      error:
        'its config in bundle "broken" is invalid: greeting: Invalid input: expected string, received number',
      configErrors: [{ field: 'greeting', message: 'Invalid input: expected string, received number' }],
    });
    expect(broken[1]).toMatchObject({ status: 'ok', name: 'cronjobs' });
    expect(registry.bundleManifest('plain').plugins[0]).toMatchObject({
      status: 'error',
      configErrors: [{ field: 'config', message: 'the plugin declares no settings (no config schema)' }],
    });
  });

  it('refuses a malformed config schema in the metadata with a reason, and keeps serving the others', async () => {
    await writePluginBuild(join(dir, 'evil'), {
      name: 'evil',
      metadata: { config: { type: 'object', properties: { a: { $ref: 'https://evil.example/x.json' } } } },
    });
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) deep = { type: 'object', properties: { a: deep } };
    await writePluginBuild(join(dir, 'deep'), { name: 'deep', metadata: { config: deep } });
    await writeFile(
      file,
      'plugins:\n  evil: { path: ./evil }\n  deep: { path: ./deep }\n  cronjobs: { path: ./cronjobs }\nbundles:\n  default: [evil, deep, cronjobs]\n',
    );
    const { registry } = await start();
    const [evil, deepPlugin, cronjobs] = registry.bundleManifest('default').plugins;
    expect(evil).toMatchObject({
      status: 'error',
      error:
        'porthole-plugin.json has a config schema the backend cannot use: cannot be read as JSON Schema: ' +
        'External $ref is not supported, only local refs (#/...) are allowed',
    });
    expect(deepPlugin).toMatchObject({
      status: 'error',
      error: expect.stringContaining('config: must not nest deeper than 32 levels'),
    });
    expect(cronjobs).toMatchObject({ status: 'ok' });
  });

  it("stops a schema pattern that backtracks without end on the settings: that plugin's error, the rest served", async () => {
    await writePluginBuild(join(dir, 'slow'), {
      name: 'slow',
      metadata: { config: { type: 'object', properties: { id: { type: 'string', pattern: '^(a+)+$' } } } },
    });
    await writeFile(
      file,
      [
        'plugins:',
        `  slow: { path: ./slow, config: { id: "${'a'.repeat(40)}!" } }`,
        '  cronjobs: { path: ./cronjobs }',
        'bundles:',
        '  default: [slow, cronjobs]',
      ].join('\n'),
    );
    registry = await createPluginRegistry({
      file,
      log: () => {},
      configChecker: createConfigChecker({ deadlineMs: 300 }),
    });
    const [slow, cronjobs] = registry.bundleManifest('default').plugins;
    expect(slow).toMatchObject({
      status: 'error',
      configErrors: [
        { field: '', message: expect.stringContaining('took longer than 300 ms and was stopped') },
      ],
    });
    expect(cronjobs).toMatchObject({ status: 'ok', name: 'cronjobs' });
  });

  it('tells subscribers when only the config in the registry file changed', async () => {
    await writePluginBuild(join(dir, 'hello'), { name: 'hello', metadata: { config: greetingSchema } });
    const text = (greeting: string) =>
      `plugins:\n  hello: { path: ./hello, config: { greeting: ${greeting} } }\nbundles:\n  default: [hello]\n`;
    await writeFile(file, text('Hi'));
    const { registry, changes } = await start();
    await writeFile(file, text('Bonjour'));
    await eventually(() =>
      expect(registry.bundleManifest('default').plugins[0]).toMatchObject({
        config: { greeting: 'Bonjour' },
      }),
    );
    await eventually(() => expect(changes.some((c) => c.bundlesChanged)).toBe(true));
  });
});
