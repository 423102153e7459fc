import { isInvalid } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { parseRegistryFile } from './registry-file.ts';

const file = '/etc/porthole/plugins.yaml';

function causesOf(text: string) {
  const result = parseRegistryFile(file, text);
  if (result.ok) throw new Error('expected a problem');
  expect(isInvalid(result.error)).toBe(true);
  return result.error.status.details?.causes ?? [];
}

describe('parseRegistryFile', () => {
  it('reads folders relative to the file, plugin servers with a trailing slash, bundles and groups', () => {
    const result = parseRegistryFile(
      file,
      [
        'plugins:',
        '  cronjobs: { path: ./cronjobs/dist }',
        '  billing: { url: "https://plugins.example.com/billing" }',
        'bundles:',
        '  default: [cronjobs]',
        '  payments: [cronjobs, billing]',
        'groupBundles:',
        '  payments-team: payments',
      ].join('\n'),
    );
    expect(result.ok && result.config).toEqual({
      plugins: new Map([
        ['cronjobs', { kind: 'folder', path: './cronjobs/dist', dir: '/etc/porthole/cronjobs/dist' }],
        ['billing', { kind: 'server', url: 'https://plugins.example.com/billing/' }],
      ]),
      bundles: new Map([
        ['default', ['cronjobs']],
        ['payments', ['cronjobs', 'billing']],
      ]),
      groupBundles: new Map([['payments-team', 'payments']]),
      pluginConfig: new Map(),
      bundleConfig: new Map(),
    });
  });

  it("reads a plugin's config and a bundle's own config for it; a bundle entry may be a name or { plugin, config }", () => {
    const result = parseRegistryFile(
      file,
      [
        'plugins:',
        '  hello: { path: ./hello, config: { greeting: Hi, links: [{ url: "https://a" }] } }',
        '  editor: { path: ./editor }',
        'bundles:',
        '  default: [hello, editor]',
        '  payments:',
        '    - { plugin: hello, config: { greeting: Hello payments } }',
        '    - editor',
      ].join('\n'),
    );
    expect(result.ok && result.config.bundles.get('payments')).toEqual(['hello', 'editor']);
    expect(result.ok && result.config.pluginConfig).toEqual(
      new Map([['hello', { greeting: 'Hi', links: [{ url: 'https://a' }] }]]),
    );
    expect(result.ok && result.config.bundleConfig).toEqual(
      new Map([['payments', new Map([['hello', { greeting: 'Hello payments' }]])]]),
    );
  });

  it('refuses hostile config: prototype keys, too deep, too large, a bundle entry for an unknown plugin', () => {
    const deep = `${'{ a: '.repeat(40)}1${' }'.repeat(40)}`;
    const causes = causesOf(
      [
        'plugins:',
        '  a: { path: ./a, config: { __proto__: { polluted: true } } }',
        `  b: { path: ./b, config: ${deep} }`,
        `  c: { path: ./c, config: { big: "${'x'.repeat(70_000)}" } }`,
        '  d: { path: ./d, config: [1, 2] }',
        'bundles:',
        '  default: [{ plugin: nope, config: {} }, { plugin: a, settings: {} }]',
      ].join('\n'),
    );
    expect(causes).toEqual([
      { field: 'plugins.a.config.__proto__', message: 'this key is not allowed in config' },
      { field: 'plugins.b.config', message: 'nests deeper than 32 levels' },
      { field: 'plugins.c.config', message: 'is larger than 65536 bytes as JSON' },
      { field: 'plugins.d.config', message: 'Invalid input: expected record, received array' },
      { field: 'bundles.default[1].settings', message: 'unknown field' },
    ]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    // A billion laughs in config: YAML aliases expanding exponentially are refused, not expanded.
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      laughs.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    expect(
      causesOf(`plugins:\n  a:\n    path: ./a\n    config:\n${laughs.map((l) => `      ${l}`).join('\n')}\n`),
    ).toEqual([{ message: expect.stringMatching(/^not valid YAML: .*alias/i) }]);
    expect(causesOf('plugins:\n  a: { path: ./a }\nbundles:\n  default: [{ plugin: nope }]\n')).toEqual([
      { field: 'bundles.default[0]', message: 'plugin "nope" is not defined under plugins' },
    ]);
  });

  it('keeps an integrity pin and refuses one that is not a sha384 SRI value', () => {
    const pin = `sha384-${'A'.repeat(64)}`;
    const result = parseRegistryFile(file, `plugins:\n  hello: { path: ./hello, integrity: "${pin}" }\n`);
    expect(result.ok && result.config.plugins.get('hello')).toMatchObject({ kind: 'folder', integrity: pin });
    expect(causesOf('plugins:\n  hello: { path: ./hello, integrity: "sha256-abc" }\n')).toEqual([
      expect.objectContaining({ field: 'plugins.hello.integrity' }),
    ]);
  });

  it('always has a default bundle', () => {
    const result = parseRegistryFile(file, 'plugins: {}\nbundles:\n  ops: []\n');
    expect(result.ok && [...result.config.bundles.keys()]).toEqual(['default', 'ops']);
  });

  it('names the field of each problem', () => {
    const causes = causesOf(
      [
        'plugins:',
        '  a: { path: ./a, url: "http://x/" }',
        '  b: {}',
        '  c: { url: "ftp://x/" }',
        '  d: { path: ./d, extra: 1 }',
        'bundles:',
        '  default: [a, nope]',
      ].join('\n'),
    );
    const fields = causes.map((c) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining(['plugins.a', 'plugins.b', 'plugins.c.url', 'plugins.d.extra']),
    );
    expect(causes.find((c) => c.field === 'plugins.a')?.message).toContain('both');
    expect(causes.find((c) => c.field === 'plugins.c.url')?.message).toContain('http');
  });

  it('refuses bundles naming undefined plugins, a plugin twice, and groups mapped to undefined bundles', () => {
    const causes = causesOf(
      [
        'plugins: { a: { path: ./a } }',
        'bundles: { default: [a, b, a] }',
        'groupBundles: { ops: ops-bundle, devs: default }',
      ].join('\n'),
    );
    expect(causes).toEqual([
      { field: 'bundles.default[1]', message: 'plugin "b" is not defined under plugins' },
      { field: 'bundles.default[2]', message: 'plugin "a" is listed twice' },
      { field: 'groupBundles.ops', message: 'bundle "ops-bundle" is not defined under bundles' },
    ]);
  });

  it('refuses names that are not lowercase DNS labels and unknown top-level keys', () => {
    const causes = causesOf('plugins: { My_Plugin: { path: ./x, extra: 1 } }\nbundle: {}\n');
    expect(causes).toEqual(
      expect.arrayContaining([
        { field: 'plugins.My_Plugin', message: expect.stringContaining('lowercase DNS label') },
        { field: 'bundle', message: 'unknown field' },
      ]),
    );
  });

  it('refuses an empty file, broken YAML and a list instead of a mapping', () => {
    expect(causesOf('')[0]?.message).toBe('the file is empty');
    expect(causesOf('plugins: [unclosed')[0]?.message).toMatch(/^not valid YAML/);
    expect(causesOf('- a\n- b\n')[0]?.message).toContain('mapping');
    const result = parseRegistryFile(file, 'plugins: [unclosed');
    expect(!result.ok && result.error.message).toContain(`PluginRegistry "${file}" is invalid`);
  });
});
