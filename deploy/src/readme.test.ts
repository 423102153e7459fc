import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployDir, kubectl, type Manifest, parseManifests } from './kustomize.ts';

// The install in deploy/README.md is copied by people as it is: render it, as written, next to a
// checkout, and check that it says one thing everywhere.

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** The README's `cat > kustomization.yaml <<'EOF'` block. */
async function readmeKustomization(): Promise<string> {
  const readme = await readFile(join(deployDir, 'README.md'), 'utf8');
  const match = /cat > kustomization\.yaml <<'EOF'\n([\s\S]*?)\nEOF\n/.exec(readme);
  if (!match?.[1]) throw new Error('no kustomization block in deploy/README.md');
  return `${match[1]}\n`;
}

/** Renders the README's overlay the way the README lays it out: `my-porthole/` beside a checkout `porthole/`. */
async function renderReadmeOverlay(): Promise<Manifest[]> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-readme-'));
  dirs.push(dir);
  await symlink(join(deployDir, '..'), join(dir, 'porthole'));
  await mkdir(join(dir, 'my-porthole'));
  await writeFile(join(dir, 'my-porthole', 'kustomization.yaml'), await readmeKustomization());
  return parseManifests((await kubectl(['kustomize', join(dir, 'my-porthole')])).stdout);
}

describe('deploy/README.md install', () => {
  it('renders one host, URL and image everywhere', async () => {
    const objects = await renderReadmeOverlay();
    const settings = objects.find((o) => o.metadata.name.startsWith('porthole-settings-')) as
      | (Manifest & { data: Record<string, string> })
      | undefined;
    const url = settings?.data['external-url'] ?? '';
    expect(url).toMatch(/^https:\/\/.*corp\.example$/);
    const host = new URL(url).hostname;
    const ingress = objects.find((o) => o.kind === 'Ingress') as
      | (Manifest & { spec: { rules: { host: string }[]; tls: { hosts: string[] }[] } })
      | undefined;
    expect(ingress?.spec.rules.map((r) => r.host)).toEqual([host]);
    expect(ingress?.spec.tls.flatMap((t) => t.hosts)).toEqual([host]);
    const text = JSON.stringify(objects);
    expect(text).not.toContain('porthole.example.com');
    expect(text).toContain('"image":"registry.corp.example/porthole:0.1.0"');
  });
});
