import { EmptyState } from '@porthole/ui';

/**
 * A path no page and no plugin route of the bundle owns.
 *
 * @example
 * <NotFound path="/c/prod/nothing" home="/c/prod" />
 */
export function NotFound(props: { path: string; home: string }) {
  return (
    <section class="panel" data-testid="not-found">
      <div class="panel-header">
        <h1>Page not found</h1>
      </div>
      <EmptyState
        title="Nothing here"
        action={
          <a class="pt-button pt-button-primary" href={props.home}>
            Go to the start page
          </a>
        }
      >
        No page and no plugin of this bundle is at {props.path}.
      </EmptyState>
    </section>
  );
}
