import { ForbiddenState, NamespaceSelect } from '@porthole/ui';
import { createSignal, Show } from 'solid-js';

const usable = ['team-a', 'team-b'];

/**
 * The picker and the refusal of someone who may use only some namespaces: typing another namespace
 * ("Other project…") that they may not list in shows the ForbiddenState, whose buttons go back.
 */
export function AccessDemo() {
  const [namespace, setNamespace] = createSignal('team-a');
  return (
    <div class="gallery-stack">
      <NamespaceSelect
        label="Project"
        namespaces={usable}
        listable={false}
        value={namespace()}
        onChange={setNamespace}
      />
      <Show
        when={!usable.includes(namespace())}
        fallback={<p data-testid="access-demo-shown">Showing the Secrets of {namespace()}</p>}
      >
        <ForbiddenState what="Secrets" namespace={namespace()} namespaces={usable} onPick={setNamespace} />
      </Show>
      <ForbiddenState what="Nodes" namespaced={false} />
    </div>
  );
}
