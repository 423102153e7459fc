import {
  Badge,
  Checkbox,
  CodeBlock,
  EmptyState,
  ErrorState,
  LoadingState,
  SelectField,
  SplitPane,
  StatusPill,
  Table,
  type TableColumn,
  Tabs,
  TextArea,
  TextField,
  TimeAgo,
} from '@porthole/ui';
import { createSignal } from 'solid-js';

interface DemoRow {
  name: string;
  namespace: string;
  restarts: number;
}

const demoRows: DemoRow[] = Array.from({ length: 50_000 }, (_, i) => ({
  name: `pod-${i}`,
  namespace: ['default', 'kube-system', 'web'][i % 3] as string,
  restarts: (i * 7) % 13,
}));

const columns: TableColumn<DemoRow>[] = [
  { id: 'name', title: 'Name', cell: (r) => r.name, sortValue: (r) => r.name },
  {
    id: 'namespace',
    title: 'Namespace',
    width: '10rem',
    cell: (r) => r.namespace,
    sortValue: (r) => r.namespace,
  },
  {
    id: 'restarts',
    title: 'Restarts',
    width: '7rem',
    cell: (r) => String(r.restarts),
    sortValue: (r) => r.restarts,
  },
];

/** 50,000 rows, sortable, with selection and a bulk action. */
export function TableDemo() {
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [opened, setOpened] = createSignal('none');
  return (
    <div class="gallery-stack">
      <div class="gallery-row">
        <span data-testid="table-selected">{selected().size} selected</span>
        <span data-testid="table-opened">Opened {opened()}</span>
      </div>
      <Table
        label="Demo pods"
        rows={demoRows}
        columns={columns}
        rowKey={(r) => r.name}
        rowName={(r) => r.name}
        selection={{ selected: selected(), onChange: setSelected }}
        onOpen={(r) => setOpened(r.name)}
      />
    </div>
  );
}

/** Tabs addressable by `?tab=`. */
export function TabsDemo() {
  return (
    <Tabs
      label="Pod web-1"
      tabs={[
        { id: 'overview', label: 'Overview', content: () => <p>Overview of web-1.</p> },
        { id: 'yaml', label: 'YAML', content: () => <p>The YAML of web-1.</p> },
        { id: 'events', label: 'Events', content: () => <p>No events.</p> },
      ]}
    />
  );
}

/** Badges, pills, and the empty, loading and error states. */
export function StatusDemo() {
  const [retries, setRetries] = createSignal(0);
  return (
    <div class="gallery-stack">
      <div class="gallery-row">
        <Badge>Pod</Badge>
        <Badge tone="info">EKS</Badge>
        <StatusPill tone="ok">Running</StatusPill>
        <StatusPill tone="warning">Pending</StatusPill>
        <StatusPill tone="error">CrashLoopBackOff</StatusPill>
        <StatusPill tone="info">Resyncing</StatusPill>
        <StatusPill tone="neutral">Completed</StatusPill>
      </div>
      <EmptyState title="No pods in default">Pods appear here as they are created.</EmptyState>
      <LoadingState what="pods in default" />
      <ErrorState
        title="Could not create the ConfigMap"
        error={{
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          code: 422,
          reason: 'Invalid',
          message: 'ConfigMap "Bad_Name" is invalid',
          details: {
            causes: [{ field: 'metadata.name', message: 'a lowercase RFC 1123 subdomain must consist of…' }],
          },
        }}
        onRetry={() => setRetries((n) => n + 1)}
      />
      <span data-testid="retries">Retried {retries()} times</span>
    </div>
  );
}

/** Every form field, one with an error. */
export function FormDemo() {
  const [name, setName] = createSignal('');
  return (
    <form class="gallery-form" onSubmit={(e) => e.preventDefault()}>
      <TextField
        label="Name"
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
        error={name() === '' ? 'A name is required' : undefined}
      />
      <TextArea label="Description" description="Shown in the list" rows={3} />
      <SelectField
        label="Namespace"
        options={[
          { value: 'default', label: 'default' },
          { value: 'web', label: 'web' },
        ]}
      />
      <Checkbox label="Follow the logs" />
    </form>
  );
}

/** Ages, code to copy, and two resizable panes. */
export function MiscDemo() {
  const [size, setSize] = createSignal(50);
  return (
    <div class="gallery-stack">
      <p>
        Created <TimeAgo timestamp={new Date(Date.now() - 200_000).toISOString()} />
      </p>
      <CodeBlock label="kubectl command" code="kubectl -n default get pod web-1 -o yaml" />
      <div class="gallery-split">
        <SplitPane
          label="Resize the demo panes"
          onResize={setSize}
          start={<p>Left pane ({size()}%)</p>}
          end={<p>Right pane</p>}
        />
      </div>
    </div>
  );
}
