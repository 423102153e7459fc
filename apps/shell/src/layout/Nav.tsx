import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { clusterHref } from '../routing/app-path.ts';
import { readStoredList } from '../services/stored-list.ts';
import type { SidebarSection } from './sidebar-groups.ts';
import type { SidebarKindsState } from './sidebar-kinds.ts';

/** Props of {@link Nav}. */
export interface NavProps {
  cluster: string;
  /** The sections to show ({@link buildSidebar} of the listable kinds and the plugins' routes). */
  sections: readonly SidebarSection[];
  /** Where the kinds stand: loading, ready (and in which namespace they were checked), failed. */
  kinds: SidebarKindsState;
  onRetry: () => void;
  /** The current path, to mark the active entry. */
  pathname: string;
  /** Where collapsed sections are remembered (`localStorage`). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

const collapsedKey = 'porthole.nav.collapsed';

/**
 * The sidebar of a cluster: Overview and the resource index, then the kinds the person may list by
 * section (Workloads, Network, ..., custom resources by API group) with the plugins' routes joining
 * their sections. Sections collapse (remembered); the active entry is `aria-current="page"`; on a
 * narrow screen (or at 200 % zoom) the whole sidebar folds behind a `Menu` button.
 *
 * @example
 * <Nav cluster="admin@prod" sections={sections()} kinds={kinds.state()} onRetry={kinds.retry} pathname={location.pathname()} />
 */
export function Nav(props: NavProps) {
  const [collapsed, setCollapsed] = createSignal(readStoredList(props.storage, collapsedKey));
  const [open, setOpen] = createSignal(false);
  const toggle = (title: string) => {
    const next = collapsed().includes(title)
      ? collapsed().filter((t) => t !== title)
      : [...collapsed(), title];
    setCollapsed(next);
    try {
      props.storage?.setItem(collapsedKey, JSON.stringify(next));
    } catch {
      // Not remembered.
    }
  };
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
  const sectionId = (title: string) => `nav-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <nav class="nav" classList={{ open: open() }} aria-label="Navigation" data-testid="nav">
      <button
        type="button"
        class="nav-menu"
        aria-expanded={open()}
        aria-controls="nav-body"
        onClick={() => setOpen(!open())}
      >
        Menu
      </button>
      <div class="nav-body" id="nav-body">
        <div class="nav-section">
          {item(clusterHref(props.cluster), 'Overview', true)}
          {item(clusterHref(props.cluster, 'r'), 'Resources')}
        </div>
        <Switch>
          <Match when={props.kinds.status === 'loading'}>
            <p class="nav-note" role="status">
              Loading kinds…
            </p>
          </Match>
          <Match when={props.kinds.status === 'error' && props.kinds}>
            {(failed) => (
              <div class="nav-note" data-testid="nav-error">
                <p>
                  {failed().code === 403
                    ? "You can't see what this cluster serves"
                    : `Couldn't load the kinds: ${failed().message}`}
                </p>
                <button type="button" class="nav-retry" onClick={() => props.onRetry()}>
                  Load the kinds again
                </button>
              </div>
            )}
          </Match>
          <Match when={props.kinds.status === 'ready' && props.kinds}>
            {(ready) => (
              <p class="nav-note" data-testid="nav-namespace">
                {ready().namespace ? `In namespace ${ready().namespace}` : 'In all namespaces'}
              </p>
            )}
          </Match>
        </Switch>
        <For each={props.sections}>
          {(section) => (
            <div class="nav-section" data-testid="nav-section">
              <h2 class="nav-heading">
                <button
                  type="button"
                  class="nav-heading-button"
                  aria-expanded={!collapsed().includes(section.title)}
                  aria-controls={sectionId(section.title)}
                  onClick={() => toggle(section.title)}
                >
                  <span class="nav-chevron" aria-hidden="true" />
                  {section.title}
                </button>
              </h2>
              <div id={sectionId(section.title)} hidden={collapsed().includes(section.title)}>
                <For each={section.groups}>
                  {(group) => (
                    <>
                      <Show when={group.title}>
                        <h3 class="nav-subheading">{group.title}</h3>
                      </Show>
                      <For each={group.items}>
                        {(entry) => (
                          <span data-plugin={entry.plugin} class="nav-entry">
                            {item(entry.href, entry.title)}
                          </span>
                        )}
                      </For>
                    </>
                  )}
                </For>
              </div>
            </div>
          )}
        </For>
      </div>
    </nav>
  );
}
