import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let outside: string;
beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), 'porthole-cli-'));
});
afterAll(async () => {
  await rm(outside, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, outside, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('runCli', () => {
  it('creates NAME in the current folder outside a checkout, and prints the next steps', async () => {
    const { code, out } = await cli('create', 'team-pods');
    expect(code).toBe(0);
    expect(out).toContain('Created plugin "team-pods" in team-pods (a project of its own)');
    expect(out).toContain('npm install');
    const manifest = JSON.parse(await readFile(join(outside, 'team-pods/package.json'), 'utf8'));
    expect(manifest.name).toBe('porthole-plugin-team-pods');
  });

  it('creates into --dir', async () => {
    expect((await cli('create', 'other', '--dir', join(outside, 'elsewhere'))).code).toBe(0);
    expect(existsSync(join(outside, 'elsewhere/src/plugin.ts'))).toBe(true);
  });

  it('refuses a bad name or a folder in use with the reason and exit code 1', async () => {
    const bad = await cli('create', 'Bad_Name');
    expect(bad).toMatchObject({ code: 1, out: '' });
    expect(bad.err).toMatch(/lowercase DNS label/);
    const again = await cli('create', 'team-pods');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not empty/);
  });

  it('prints the usage for an unknown command, a missing NAME or an unknown flag (exit code 2)', async () => {
    for (const argv of [['make', 'x'], ['create'], ['create', 'a', 'b'], ['create', 'x', '--force']]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('usage: porthole-plugin create NAME');
    }
    expect(await cli('--help')).toMatchObject({ code: 0, err: '' });
  });
});
