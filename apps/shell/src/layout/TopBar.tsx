import type { BundleManifest } from '@porthole/protocol';
import type { ClustersStore, HttpClient } from '@porthole/sdk';
import { Menu, SelectField } from '@porthole/ui';
import { Show } from 'solid-js';
import { ClusterPicker } from './ClusterPicker.tsx';
import { SessionUser } from './SessionUser.tsx';
import type { ThemeChoice } from './theme-choice.ts';

/**
 * The plugins this page loads from a dev server (`?dev=` on a backend started with `--dev`), or
 * `undefined` when there are none: code outside the registry must never run unnoticed.
 */
function devOverrides(bundle: BundleManifest | undefined): { name: string; entry: string }[] | undefined {
  const found = (bundle?.plugins ?? []).flatMap((p) =>
    p.dev && p.entry ? [{ name: p.name, entry: p.entry }] : [],
  );
  return found.length > 0 ? found : undefined;
}

/** Props of {@link TopBar}. */
export interface TopBarProps {
  clusters: ClustersStore;
  cluster: string | undefined;
  /** Recently used clusters, most recent first (the switcher lists them first). */
  recentClusters: readonly string[];
  bundle: BundleManifest | undefined;
  /** The Plugins page of the current cluster (or `/bundle`). */
  pluginsHref: string;
  onPickCluster: (cluster: string) => void;
  onPickBundle: (bundle: string) => void;
  /** The backend's HTTP client: the person logged in (login modes) and `Log out`. */
  http?: HttpClient | undefined;
  theme: ThemeChoice;
  onPickTheme: (theme: ThemeChoice) => void;
  /** Opens "Go to anything" (also Ctrl/Cmd-K); absent without a cluster. */
  onGoTo?: (() => void) | undefined;
}

const themes: readonly [ThemeChoice, string][] = [
  ['system', 'As the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/**
 * The bar across every page: the product name (home), the cluster picker, the bundle (team) the
 * plugins come from, "Go to anything", the Plugins page, the `Theme` menu, and in a login mode who is
 * logged in with `Log out`.
 *
 * @example
 * <TopBar clusters={clusters} cluster="admin@prod" bundle={manifest} pluginsHref="/c/admin@prod/plugins" ... />
 */
export function TopBar(props: TopBarProps) {
  return (
    <header class="top-bar">
      <a class="brand" href="/">
        <span class="brand-mark" aria-hidden="true" />
        <span class="brand-name">Porthole</span>
      </a>
      <ClusterPicker
        clusters={props.clusters}
        current={props.cluster}
        recent={props.recentClusters}
        onPick={props.onPickCluster}
      />
      <span class="top-bar-spacer" />
      <Show when={devOverrides(props.bundle)}>
        {(overrides) => (
          <span
            class="dev-indicator"
            data-testid="dev-overrides"
            title={`Code loaded from dev servers, not the registry: ${overrides()
              .map((p) => `${p.name} ← ${p.entry}`)
              .join(', ')}`}
          >
            Dev code:{' '}
            {overrides()
              .map((p) => p.name)
              .join(', ')}
          </span>
        )}
      </Show>
      <Show when={props.bundle}>
        {(bundle) => (
          <div class="bundle-indicator" title="The bundle (team) whose plugins this page loads">
            <Show
              when={bundle().bundles.length > 1}
              fallback={
                <>
                  <span class="top-bar-label">Bundle</span>
                  <span data-testid="bundle-name">{bundle().bundle}</span>
                </>
              }
            >
              <SelectField
                label="Bundle"
                data-testid="bundle-picker"
                options={bundle().bundles.map((name) => ({ value: name, label: name }))}
                value={bundle().bundle}
                onChange={(event) => props.onPickBundle(event.currentTarget.value)}
              />
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.onGoTo}>
        {(goTo) => (
          <button
            type="button"
            class="top-bar-button"
            onClick={() => goTo()()}
            aria-keyshortcuts="Control+K Meta+K"
          >
            Go to anything{' '}
            <span class="top-bar-keys" aria-hidden="true">
              Ctrl K
            </span>
          </button>
        )}
      </Show>
      <a class="top-bar-link" href={props.pluginsHref} data-testid="plugins-link">
        Plugins
      </a>
      <Menu
        label="Theme"
        items={themes.map(([value, label]) => ({
          label,
          checked: props.theme === value,
          onSelect: () => props.onPickTheme(value),
        }))}
      />
      <Show when={props.http}>{(http) => <SessionUser http={http()} />}</Show>
    </header>
  );
}
