import { type ClusterSummary, type KubeObject, StatusError } from '@porthole/protocol';
import { createDiscovery } from '../http/discovery.ts';
import { createHttpClient, type HttpClient } from '../http/http-client.ts';
import { createResources } from '../http/resources.ts';
import { createMuxClient, type MuxClient } from '../live/mux-client.ts';
import type { Porthole } from '../plugins/porthole-context.ts';
import { createSafeWrites } from '../writes/safe-writes.ts';
import { createInMemoryMux, type TestObjects } from './in-memory-mux.ts';

/** One HTTP request a plugin made through `porthole.http` (or resources, discovery, writes). */
export interface TestHttpRequest {
  method: string;
  /** The path, e.g. `/clusters/test/apis/batch/v1/namespaces/web/cronjobs/nightly`. */
  path: string;
  query: URLSearchParams;
  /** The JSON body, parsed (or the text when it is not JSON). */
  body: unknown;
}

/**
 * Answers the plugin's HTTP requests in a unit test: a JSON body (status 200), a `Response`, a thrown
 * `StatusError` (sent as its Status), or `undefined` for "no answer" (a 404 Status naming the request).
 */
export type TestHttpHandler = (request: TestHttpRequest) => unknown;

/** Options of {@link createTestPorthole}. */
export interface TestPortholeOptions {
  /**
   * A running `porthole serve` (`http://127.0.0.1:4466`): the test uses its real multiplexer and HTTP
   * API (and the cluster behind it). Without it, everything is in memory.
   */
  url?: string;
  /** The cluster in the URL (`/c/{cluster}/...`); default `test` (in memory), required with `url`. */
  cluster?: string;
  /** In memory: the objects `watch` / `watchOne` answer from, in the cluster `cluster`. */
  objects?: readonly KubeObject[];
  /** In memory: answers to HTTP requests; see {@link TestHttpHandler}. */
  http?: TestHttpHandler;
  /** The plugin's settings, as `usePluginConfig` reads them. */
  config?: Readonly<Record<string, unknown>>;
  /** What each extension point's contributions are (`porthole.extensions(point)`), by point id. */
  extensions?: Readonly<Record<string, readonly unknown[]>>;
}

/** What {@link createTestPorthole} made: the value to provide, and what the test reads and changes. */
export interface TestPorthole {
  /** The `PortholeContext` value (pass it to `renderWithPorthole`). */
  porthole: Porthole;
  /** In memory: the objects behind the live watches; changing them reaches open watches. */
  objects: TestObjects;
  /** Every path the plugin navigated to, in order. */
  navigations: string[];
  /** In memory: every HTTP request the plugin made, in order. */
  requests: TestHttpRequest[];
  /** Closes the multiplexer (its socket, with `url`). */
  close(): void;
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A fetch that turns requests into {@link TestHttpRequest}s for `handler`. */
function handlerFetch(handler: TestHttpHandler, requests: TestHttpRequest[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input), 'http://porthole.test');
    const request: TestHttpRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: parseBody(typeof init?.body === 'string' ? init.body : undefined),
    };
    requests.push(request);
    let answer: unknown;
    try {
      answer = await handler(request);
    } catch (err) {
      if (err instanceof StatusError) return Response.json(err.status, { status: err.status.code ?? 500 });
      throw err;
    }
    if (answer instanceof Response) return answer;
    if (answer === undefined) {
      const status = StatusError.notFound(
        { resource: 'test answers' },
        `${request.method} ${request.path}`,
      ).status;
      status.message = `createTestPorthole: no answer for ${request.method} ${request.path} (give one in http)`;
      return Response.json(status, { status: 404 });
    }
    return Response.json(answer);
  };
}

function testCluster(name: string): ClusterSummary {
  return {
    name,
    server: 'https://in-memory.invalid',
    distribution: 'kubernetes',
    namespace: 'default',
    source: 'test',
  };
}

/**
 * The SDK's services for a plugin test, given through `PortholeContext` like the shell gives them (no
 * global store to mock). Two ways:
 * - **in memory** (unit tests, no server): live watches answer from `objects` (change them with
 *   `objects.put` / `objects.remove` and open watches see events), HTTP from `http`;
 * - **against a real `porthole serve`** (`url`, integration tests): the real multiplexer socket and HTTP
 *   API, so the plugin sees the real cluster behind it.
 *
 * @example
 * const test = createTestPorthole({ objects: [cronJob], config: { team: 'payments' } });
 * const view = await renderTab(plugin, 'Jobs', resourceContext(cronJob), test);
 * test.objects.put('test', job); // the tab's watch sees it
 * view.unmount(); test.close();
 * // integration: createTestPorthole({ url: 'http://127.0.0.1:4466', cluster: 'admin@e2e' })
 */
export function createTestPorthole(options: TestPortholeOptions = {}): TestPorthole {
  const cluster = options.cluster ?? (options.url === undefined ? 'test' : undefined);
  if (cluster === undefined)
    throw new Error('createTestPorthole({ url }) needs the cluster too: { url, cluster: "<context name>" }');
  const requests: TestHttpRequest[] = [];
  const navigations: string[] = [];
  let mux: MuxClient;
  let http: HttpClient;
  let objects: TestObjects;
  if (options.url !== undefined) {
    const base = options.url.replace(/\/$/, '');
    mux = createMuxClient({ url: `${base.replace(/^http/, 'ws')}/ws` });
    http = createHttpClient({ baseUrl: base });
    objects = {
      put: () => notInMemory(),
      remove: () => notInMemory(),
      list: () => notInMemory(),
    };
  } else {
    const memory = createInMemoryMux({
      objects: { [cluster]: options.objects ?? [] },
      clusters: [testCluster(cluster)],
    });
    mux = memory.mux;
    objects = memory.objects;
    http = createHttpClient({ fetch: handlerFetch(options.http ?? (() => undefined), requests) });
  }
  const resources = createResources(http);
  const discovery = createDiscovery(http);
  const porthole: Porthole = {
    mux,
    http,
    resources,
    discovery,
    writes: createSafeWrites(http, discovery),
    cluster: () => cluster,
    navigate: (path) => navigations.push(path),
    extensions: (point) => {
      const data = (options.extensions?.[point.id] ?? []) as readonly never[];
      return () => data;
    },
    ...(options.config === undefined ? {} : { pluginConfig: options.config }),
  };
  return { porthole, objects, navigations, requests, close: () => mux.close() };
}

function notInMemory(): never {
  throw new Error(
    'createTestPorthole({ url }): the objects are the real cluster’s; change them with kubectl or the API',
  );
}
