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
      <div class="state">
        <p class="state-message">No page and no plugin of this bundle is at {props.path}.</p>
        <a class="button" href={props.home}>
          Go to the start page
        </a>
      </div>
    </section>
  );
}
