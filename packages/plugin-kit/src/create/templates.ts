/** What the scaffold's files are made from. */
export interface TemplateValues {
  /** The plugin's name (a DNS label). */
  name: string;
  /** Its navigation section, e.g. `My Plugin` for `my-plugin`. */
  title: string;
  /**
   * Versions the plugin depends on: as installed in the checkout (a workspace, pinned exactly), or for a
   * project of its own the published versions the kit works with (`^` ranges from them).
   */
  versions: { sdk: string; solid: string; kit: string; ui: string };
  /**
   * A project of its own, outside a Porthole checkout: it brings its tools (Rsbuild, TypeScript, Vitest,
   * Biome) as devDependencies, a `biome.json` and a `.gitignore`. Default `false`: a workspace of the
   * checkout, whose root has them.
   */
  standalone?: boolean;
}

/**
 * The tools a standalone plugin project installs, at the versions this repository builds and tests
 * with (a test keeps them equal to the root `package.json` and the kit's own Rsbuild).
 */
export const standaloneToolVersions = {
  '@biomejs/biome': '2.6.8',
  '@rsbuild/core': '2.3.2',
  '@types/node': '24.19.2',
  typescript: '5.9.3',
  vitest: '4.1.12',
} as const;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** {@link json} with arrays of strings on one line, as Biome formats a config file (`"lib": ["ES2023"]`). */
const configJson = (value: unknown) =>
  json(value).replace(
    /\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g,
    (_all, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`,
  );

/** The component-test tools the scaffold's test uses (a DOM, and Solid's compiler for vitest), pinned. */
export const testToolVersions = { 'happy-dom': '21.0.4', 'vite-plugin-solid': '2.11.17' };

function packageJson(v: TemplateValues): string {
  // A workspace pins the checkout's versions; a project of its own takes compatible published ones.
  const porthole = (version: string) => (v.standalone ? `^${version}` : version);
  return json({
    name: `porthole-plugin-${v.name}`,
    version: '0.1.0',
    private: true,
    description: `The ${v.title} Porthole plugin`,
    type: 'module',
    scripts: {
      build: 'rsbuild build',
      dev: 'rsbuild dev',
      test: 'vitest run',
      typecheck: 'tsc -p .',
      ...(v.standalone && { lint: 'biome check .' }),
    },
    dependencies: {
      '@porthole/sdk': porthole(v.versions.sdk),
      '@porthole/ui': porthole(v.versions.ui),
      'solid-js': v.versions.solid,
    },
    devDependencies: {
      '@porthole/plugin-kit': porthole(v.versions.kit),
      ...testToolVersions,
      ...(v.standalone && standaloneToolVersions),
    },
  });
}

const tsconfig = (v: TemplateValues) =>
  configJson({
    compilerOptions: {
      target: 'ES2023',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      jsx: 'preserve',
      jsxImportSource: 'solid-js',
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      allowImportingTsExtensions: true,
      noEmit: true,
      isolatedModules: true,
      skipLibCheck: true,
      types: ['node'],
      // Inside the checkout, the workspace packages' TypeScript sources (their exports' repo-only condition).
      ...(!v.standalone && { customConditions: ['porthole-source'] }),
    },
    include: ['src', 'rsbuild.config.ts', 'vitest.config.ts'],
  });

const biomeJson = configJson({
  files: { includes: ['**', '!**/dist'] },
  formatter: { indentStyle: 'space', indentWidth: 2, lineWidth: 110 },
  javascript: { formatter: { quoteStyle: 'single', semicolons: 'always', trailingCommas: 'all' } },
  linter: { rules: { preset: 'recommended', style: { noNonNullAssertion: 'off' } } },
});

const gitignore = 'node_modules/\ndist/\n';

const vitestConfig = `import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

// Solid's compiler for the component tests (*.test.tsx, each marked to run in happy-dom); the other
// tests run in Node (vite-plugin-solid would otherwise pick jsdom for all).
export default defineConfig({ plugins: [solid()], test: { environment: 'node' } });
`;

const rsbuildConfig = (v: TemplateValues) => `import { definePluginBuild } from '@porthole/plugin-kit';

// The whole build: Solid, the Module Federation remote porthole_${v.name.replaceAll('-', '_')} exposing ./plugin,
// the shell's solid-js, @porthole/sdk and @porthole/ui as shared singletons, and porthole-plugin.json in dist/.
export default definePluginBuild({ name: '${v.name}' });
`;

const pluginTs = (v: TemplateValues) => `import { definePlugin } from '@porthole/sdk';

// The plugin's manifest. Pages are imported lazily: the portal reads this without loading any page, and
// the build imports it in Node to write dist/porthole-plugin.json (routes, navigation, actions, tabs).
export default definePlugin({
  name: '${v.name}',
  version: '0.1.0',
  sdk: '^${v.versions.sdk}',
  extensions: [
    {
      type: 'route',
      path: '${v.name}/pods',
      title: 'Pods',
      nav: { section: '${v.title}' },
      component: () => import('./pages/PodsPage.tsx'),
    },
  ],
});
`;

const podsTs = `import type { KubeObject } from '@porthole/sdk';

/** The fields of a Pod this plugin reads (objects stay raw JSON: read what you need, keep the rest). */
export type Pod = KubeObject & {
  metadata: { namespace?: string; deletionTimestamp?: string };
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string; containerStatuses?: { ready: boolean; restartCount: number }[] };
};

/** One row of the pods table. */
export interface PodRow {
  key: string;
  namespace: string;
  name: string;
  /** \`Terminating\` while being deleted, else the phase (\`Pending\`, \`Running\`, ...). */
  status: string;
  /** Ready containers of all containers, e.g. \`1/2\`. */
  ready: string;
  restarts: number;
}

/**
 * A pod as the table shows it.
 *
 * @example
 * podRow(pod); // { namespace: 'default', name: 'web-1', status: 'Running', ready: '1/1', restarts: 0, ... }
 */
export function podRow(pod: Pod): PodRow {
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = Math.max(pod.spec?.containers?.length ?? 0, statuses.length);
  return {
    key: pod.metadata.uid ?? \`\${pod.metadata.namespace}/\${pod.metadata.name}\`,
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    status: pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Unknown'),
    ready: \`\${statuses.filter((s) => s.ready).length}/\${containers}\`,
    restarts: statuses.reduce((sum, s) => sum + s.restartCount, 0),
  };
}
`;

const podsPage = `import { createWatch, usePorthole } from '@porthole/sdk';
import {
  EmptyState,
  ErrorState,
  LoadingState,
  StatusPill,
  Table,
  type TableColumn,
  type Tone,
} from '@porthole/ui';
import { Match, Switch } from 'solid-js';
import { type Pod, type PodRow, podRow } from '../pods.ts';

const tones: Record<string, Tone> = {
  Running: 'ok',
  Succeeded: 'neutral',
  Pending: 'warning',
  Failed: 'error',
};

// The portal's table (@porthole/ui, shared by the shell: the plugin bundles no copy): sortable, virtualised.
const columns: TableColumn<PodRow>[] = [
  {
    id: 'namespace',
    title: 'Namespace',
    width: '12rem',
    cell: (p) => p.namespace,
    sortValue: (p) => p.namespace,
  },
  { id: 'name', title: 'Name', cell: (p) => p.name, sortValue: (p) => p.name },
  {
    id: 'status',
    title: 'Status',
    width: '9rem',
    cell: (p) => <StatusPill tone={tones[p.status] ?? 'info'}>{p.status}</StatusPill>,
    sortValue: (p) => p.status,
  },
  { id: 'ready', title: 'Ready', width: '6rem', cell: (p) => p.ready },
  {
    id: 'restarts',
    title: 'Restarts',
    width: '7rem',
    cell: (p) => String(p.restarts),
    sortValue: (p) => p.restarts,
  },
];

/** Every pod of the current cluster, live: one watch through the portal's multiplexer, closed on unmount. */
export default function PodsPage() {
  const { mux, cluster } = usePorthole();
  const pods = createWatch<Pod>(mux, () => ({
    cluster: cluster(),
    group: '',
    version: 'v1',
    resource: 'pods',
  }));
  return (
    <section>
      <h1>Pods in {cluster()}</h1>
      <Switch>
        <Match when={pods.status() === 'error'}>
          <ErrorState title="Could not list pods" error={pods.error()} />
        </Match>
        <Match when={pods.status() === 'loading'}>
          <LoadingState what="pods" />
        </Match>
        <Match when={pods.items().length === 0}>
          <EmptyState title="No pods in this cluster" />
        </Match>
        <Match when={pods.items().length > 0}>
          <Table label="Pods" rows={pods.items().map(podRow)} columns={columns} rowKey={(p) => p.key} />
        </Match>
      </Switch>
    </section>
  );
}
`;

const podsTest = (v: TemplateValues) => `import { checkPluginDefinition } from '@porthole/sdk';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.ts';
import { type Pod, podRow } from './pods.ts';

describe('podRow', () => {
  it('counts ready containers and restarts', () => {
    const pod: Pod = {
      metadata: { name: 'web-1', namespace: 'default', uid: 'u1' },
      spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 2 },
          { ready: false, restartCount: 1 },
        ],
      },
    };
    expect(podRow(pod)).toEqual({
      key: 'u1',
      namespace: 'default',
      name: 'web-1',
      status: 'Running',
      ready: '1/2',
      restarts: 3,
    });
  });

  it('shows a pod being deleted as Terminating, and a pod without status as Unknown', () => {
    expect(podRow({ metadata: { name: 'a', deletionTimestamp: '2024-01-01T00:00:00Z' } }).status).toBe(
      'Terminating',
    );
    expect(podRow({ metadata: { name: 'b' } })).toMatchObject({ status: 'Unknown', ready: '0/0' });
  });
});

describe('plugin', () => {
  it('is a definition the portal accepts, with the Pods page in the navigation', () => {
    expect(checkPluginDefinition(plugin).ok).toBe(true);
    expect(plugin.extensions).toContainEqual(
      expect.objectContaining({ type: 'route', path: '${v.name}/pods', nav: { section: '${v.title}' } }),
    );
  });
});
`;

const podsPageTest = (v: TemplateValues) => `// @vitest-environment happy-dom
import type { KubeObject } from '@porthole/sdk';
import { createTestPorthole, renderPage } from '@porthole/sdk/testing';
import { describe, expect, it, vi } from 'vitest';
import plugin from '../plugin.ts';

// The page, rendered with the SDK's test kit on pods held in memory (no cluster, no portal). For an
// integration test, createTestPorthole({ url, cluster }) uses a running porthole serve instead.
const pod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: name },
  status: { phase: 'Running' },
});

/** The rows the table reports (happy-dom does no layout, so the virtualised table renders none). */
const rows = (root: HTMLElement) =>
  Number(root.querySelector('table[aria-label="Pods"]')?.getAttribute('aria-rowcount') ?? 1) - 1;

describe('PodsPage', () => {
  it('lists the pods of the cluster, live', async () => {
    const test = createTestPorthole({ objects: [pod('web-1')] });
    const view = await renderPage(plugin, '${v.name}/pods', test);
    await vi.waitFor(() => expect(rows(view.container)).toBe(1));
    expect(view.container.querySelector('h1')?.textContent).toBe('Pods in test');
    test.objects.put('test', pod('web-2'));
    await vi.waitFor(() => expect(rows(view.container)).toBe(2));
    view.unmount();
    test.close();
  });

  it('says so when the cluster has no pods', async () => {
    const test = createTestPorthole();
    const view = await renderPage(plugin, '${v.name}/pods', test);
    await vi.waitFor(() => expect(view.container.textContent).toContain('No pods in this cluster'));
    view.unmount();
  });
});
`;

const readme = (v: TemplateValues) => `# ${v.title}

A Porthole plugin: a page listing the pods of the current cluster, live, in the portal's table
(\`@porthole/ui\`, which the portal provides: the plugin bundles no copy of it).

\`\`\`sh
${v.standalone ? 'npm install       # @porthole/sdk, ui and plugin-kit from your npm registry\n' : ''}npm run build     # -> dist/ (remoteEntry.js, chunks, porthole-plugin.json)
npm test          # unit tests, and the page with @porthole/sdk/testing
npm run typecheck${v.standalone ? '\nnpm run lint' : ''}
npm run dev       # dev server on http://127.0.0.1:3001/ for a portal started with porthole serve --dev
\`\`\`

Add it to the portal's registry file (\`porthole serve --plugins plugins.yaml\`):

\`\`\`yaml
plugins:
  ${v.name}: { path: ./path/to/${v.name}/dist }
bundles:
  default: [${v.name}]
\`\`\`

Start reading at \`src/plugin.ts\`. The guide: docs/plugins.md in the Porthole repository.
`;

/**
 * The files of a new plugin, by path relative to its folder.
 *
 * @example
 * pluginTemplate({ name: 'hello', title: 'Hello', versions: { sdk: '0.1.0', solid: '1.9.19', kit: '0.1.0', ui: '0.1.0' } })['src/plugin.ts'];
 */
export function pluginTemplate(v: TemplateValues): Record<string, string> {
  return {
    'package.json': packageJson(v),
    'tsconfig.json': tsconfig(v),
    'rsbuild.config.ts': rsbuildConfig(v),
    'README.md': readme(v),
    'src/plugin.ts': pluginTs(v),
    'src/pods.ts': podsTs,
    'src/pods.test.ts': podsTest(v),
    'vitest.config.ts': vitestConfig,
    'src/pages/PodsPage.tsx': podsPage,
    'src/pages/PodsPage.test.tsx': podsPageTest(v),
    ...(v.standalone && { 'biome.json': biomeJson, '.gitignore': gitignore }),
  };
}
