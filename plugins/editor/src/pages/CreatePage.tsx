import { createClusters, isForbidden, pluralKind, type RouteProps, usePorthole } from '@porthole/sdk';
import { Button, forbiddenTitle, TextArea, TextField } from '@porthole/ui';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { type CreateDocument, createDocuments, documentLabel, maxCreateBytes } from '../model/documents.ts';
import { createStart } from '../model/starter.ts';
import { failure } from './problems.ts';
import './editor.css';

/** The outcome for one document. */
interface DocumentResult {
  index: number;
  label: string;
  outcome: 'created' | 'failed';
  reason?: string;
}

const reasonOf = (err: unknown) => {
  const { notice } = failure('Create', '', err);
  if (notice.detail) return notice.detail;
  const causes = (notice.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  return causes.join('; ') || notice.title;
};

/**
 * Create from YAML (route `create`): several documents or a `kind: List`, typed, picked from a file or
 * dropped (4 MiB at most); the namespace filled in where missing for namespaced kinds; every document is
 * dry-run first, then each that passed is created; a result per document, and Retry for the failed ones.
 */
export default function CreatePage(props: RouteProps) {
  const { discovery, resources, mux } = usePorthole();
  // Opened from a list page's Create: a starter for its kind, in its namespace (each value checked).
  const start = createStart(new URLSearchParams(globalThis.location?.search ?? ''));
  const [text, setText] = createSignal(start.text);
  const [namespace, setNamespace] = createSignal(start.namespace ?? 'default');
  // Without one from the address, the context's namespace (a team's user may create only there), until
  // the person types their own.
  let typed = start.namespace !== undefined;
  const clusters = createClusters(mux);
  createEffect(() => {
    const home = clusters.items().find((c) => c.name === props.cluster)?.namespace;
    if (!typed && home) setNamespace(home);
  });
  const [results, setResults] = createSignal<DocumentResult[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | undefined>(
    start.refused.length > 0 ? `From the address: ${start.refused.join('; ')}.` : undefined,
  );

  /** The document as it will be sent (namespace filled in) and where to; throws why it can't be. */
  async function prepare(doc: CreateDocument) {
    if (!doc.object) throw new Error(doc.problem ?? 'not an object');
    const object = structuredClone(doc.object);
    const [group, version] = String(object.apiVersion).includes('/')
      ? String(object.apiVersion).split('/')
      : ['', String(object.apiVersion)];
    const found = await discovery.resourceFor(props.cluster, group ?? '', String(object.kind));
    if (!found || found.version !== version)
      throw new Error(
        `cluster "${props.cluster}" serves no ${String(object.kind)} in ${String(object.apiVersion)}`,
      );
    let ns: string | undefined;
    if (found.namespaced) {
      ns =
        typeof object.metadata.namespace === 'string' && object.metadata.namespace
          ? object.metadata.namespace
          : namespace();
      object.metadata.namespace = ns;
    }
    const ref = {
      cluster: props.cluster,
      group: found.group,
      version: found.version,
      resource: found.resource,
    };
    return { object, namespace: ns, ref: ns ? { ...ref, namespace: ns } : ref };
  }

  /** Dry-runs `indexes` (all when undefined), then creates those that passed. */
  async function create(indexes?: ReadonlySet<number>) {
    setBusy(true);
    setError(undefined);
    try {
      const docs = createDocuments(text()).filter((d) => !indexes || indexes.has(d.index));
      if (docs.length === 0) {
        setError('Nothing to create: the text holds no documents.');
        return;
      }
      const outcomes = new Map<number, DocumentResult>();
      const prepared = await Promise.allSettled(docs.map(prepare));
      const dry = await Promise.allSettled(
        prepared.map((p) =>
          p.status === 'fulfilled'
            ? resources.create(p.value.ref, p.value.object, { dryRun: true, fieldManager: 'porthole' })
            : Promise.reject(p.reason),
        ),
      );
      await Promise.all(
        docs.map(async (doc, i) => {
          const ready = prepared[i];
          const label = documentLabel(
            ready?.status === 'fulfilled' ? { ...doc, object: ready.value.object } : doc,
          );
          const checked = dry[i];
          if (checked?.status === 'rejected' || ready?.status !== 'fulfilled') {
            const why = checked?.status === 'rejected' ? checked.reason : undefined;
            // A refusal in words ("You can't create ConfigMaps in namespace default"), not the raw 403.
            const refused =
              ready?.status === 'fulfilled' && isForbidden(why)
                ? forbiddenTitle('create', pluralKind(String(ready.value.object.kind)), {
                    namespace: ready.value.namespace,
                    namespaced: ready.value.namespace !== undefined,
                  })
                : undefined;
            outcomes.set(doc.index, {
              index: doc.index,
              label,
              outcome: 'failed',
              reason: refused ?? `dry run: ${reasonOf(why)}`,
            });
            return;
          }
          try {
            await resources.create(ready.value.ref, ready.value.object, { fieldManager: 'porthole' });
            outcomes.set(doc.index, { index: doc.index, label, outcome: 'created' });
          } catch (err) {
            outcomes.set(doc.index, { index: doc.index, label, outcome: 'failed', reason: reasonOf(err) });
          }
        }),
      );
      setResults((previous) => {
        const merged = new Map(previous.map((r) => [r.index, r]));
        if (!indexes) merged.clear();
        for (const [index, result] of outcomes) merged.set(index, result);
        return [...merged.values()].sort((a, b) => a.index - b.index);
      });
    } finally {
      setBusy(false);
    }
  }

  async function load(file: File | undefined) {
    if (!file) return;
    if (file.size > maxCreateBytes) {
      setError(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB; the limit is 4 MiB. Nothing was read.`,
      );
      return;
    }
    setError(undefined);
    setText(await file.text());
  }
  const failed = () =>
    new Set(
      results()
        .filter((r) => r.outcome === 'failed')
        .map((r) => r.index),
    );

  return (
    <section class="editor" aria-labelledby="create-title">
      <h1 id="create-title">Create from YAML</h1>
      <p class="muted">
        One or more documents separated by <code>---</code>, or a <code>kind: List</code>. Each is checked
        with a server-side dry run first.
      </p>
      <div class="editor-toolbar">
        <TextField
          label="Namespace for objects without one"
          value={namespace()}
          onInput={(e) => {
            typed = true;
            setNamespace(e.currentTarget.value);
          }}
        />
        <TextField
          label="Open a YAML file"
          description="or drop one on the text; at most 4 MiB"
          type="file"
          accept=".yaml,.yml,.json,text/yaml,application/json"
          onChange={(e) => void load(e.currentTarget.files?.[0])}
        />
      </div>
      <TextArea
        label="YAML to create"
        class="yaml-view"
        rows={18}
        spellcheck={false}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          void load(e.dataTransfer?.files[0]);
        }}
      />
      <Show when={error()}>
        {(m) => (
          <p role="alert" class="editor-notice editor-error">
            {m()}
          </p>
        )}
      </Show>
      <div class="editor-toolbar">
        <Button
          size="small"
          variant="primary"
          disabled={busy() || text().trim() === ''}
          onClick={() => void create()}
        >
          Create
        </Button>
        <Show when={failed().size > 0}>
          <Button size="small" disabled={busy()} onClick={() => void create(failed())}>
            Retry failed
          </Button>
        </Show>
      </div>
      <Show when={results().length > 0}>
        <ul aria-label="Results" class="editor-results">
          <For each={results()}>
            {(r) => (
              <li class={r.outcome === 'created' ? 'editor-ok' : 'editor-error'}>
                {r.label}: {r.outcome === 'created' ? 'created' : `failed: ${r.reason ?? ''}`}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
