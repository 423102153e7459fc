import { LoadingState } from '@porthole/ui';
import { Show, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { type KindDetailsProps, kindDetailsFor } from './kind-details.ts';

/**
 * What a kind's page adds above the generic overview (nothing for kinds without a section), its code
 * loaded with the first page of that kind.
 *
 * @example
 * <KindDetails group="apps" resource="deployments" cluster="prod" object={deployment} resources={resources} now={now()} />
 */
export function KindDetails(props: KindDetailsProps & { group: string; resource: string; kind: string }) {
  const section = () => kindDetailsFor(props.group, props.resource);
  // Objects from a watch's list carry no kind; the sections read it (a DaemonSet counts differently).
  const object = () => (props.object.kind ? props.object : { ...props.object, kind: props.kind });
  return (
    <Show when={section()}>
      {(component) => (
        // Its own boundary: the section's chunk loading never blanks the rest of the page.
        <Suspense fallback={<LoadingState what={`the ${props.kind} details`} />}>
          <Dynamic
            component={component()}
            cluster={props.cluster}
            object={object()}
            resources={props.resources}
            now={props.now}
          />
        </Suspense>
      )}
    </Show>
  );
}
