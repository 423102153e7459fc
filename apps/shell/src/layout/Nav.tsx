import { For, Show } from 'solid-js';
import { clusterHref } from '../routing/app-path.ts';
import type { NavSection } from '../routing/plugin-routes.ts';

/** Props of {@link Nav}. */
export interface NavProps {
  cluster: string;
  sections: readonly NavSection[];
  /** The current path, to mark the active entry. */
  pathname: string;
}

/**
 * The side navigation of a cluster: the shell's own pages, then the plugins' route entries by section,
 * drawn from the manifests (no plugin code is loaded for it).
 *
 * @example
 * <Nav cluster="admin@prod" sections={navSections(pluginRoutes(manifests))} pathname={location.pathname()} />
 */
export function Nav(props: NavProps) {
  const item = (href: string, title: string, exact = false) => {
    const active = () => {
      const path = decodeURI(props.pathname);
      const target = decodeURI(href);
      return exact ? path === target : path === target || path.startsWith(`${target}/`);
    };
    return (
      <a
        class="nav-item"
        classList={{ active: active() }}
        aria-current={active() ? 'page' : undefined}
        href={href}
      >
        {title}
      </a>
    );
  };
  return (
    <nav class="nav" aria-label="Navigation" data-testid="nav">
      <div class="nav-section">
        <h2 class="nav-heading">Cluster</h2>
        {item(clusterHref(props.cluster), 'Overview', true)}
        {item(clusterHref(props.cluster, 'r'), 'Resources')}
      </div>
      <For each={props.sections}>
        {(section) => (
          <div class="nav-section" data-testid="nav-section">
            <h2 class="nav-heading">{section.section}</h2>
            <For each={section.entries}>
              {(entry) => (
                <Show when={entry.nav}>
                  <span data-plugin={entry.plugin} class="nav-entry">
                    {item(clusterHref(props.cluster, entry.path), entry.title)}
                  </span>
                </Show>
              )}
            </For>
          </div>
        )}
      </For>
    </nav>
  );
}
