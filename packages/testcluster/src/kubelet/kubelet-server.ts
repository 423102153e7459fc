import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { WebSocketServer } from 'ws';
import type { LogQuery } from './container-log.ts';
import type { ContainerRunner } from './container-runner.ts';
import { chooseExecProtocol, execProtocols, runExecSession } from './exec-session.ts';
import type { PodRunner } from './pod-runner.ts';

function parseInt10(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}

const truthy = (v: string | null) => v === 'true' || v === '1';

function findContainer(pods: PodRunner, parts: string[]): ContainerRunner | string {
  const [namespace, podName, containerName] = parts;
  if (!namespace || !podName) return 'pod not given';
  const pod = pods.find(namespace, podName);
  if (!pod) return `pod "${podName}" in namespace "${namespace}" is not running on this node`;
  const container = containerName
    ? [...pod.containers, ...pod.initContainers].find((c) => c.spec.name === containerName)
    : pod.containers[0];
  return container ?? `container "${containerName}" not found in pod "${podName}"`;
}

function fail(res: ServerResponse, code: number, message: string) {
  res.writeHead(code, { 'Content-Type': 'text/plain' }).end(message);
}

/**
 * Test hooks on the log endpoint, for what a real kubelet does at times: a restart ends every follow
 * cleanly while the containers run on; a busy or failing kubelet refuses (the API server passes a 5xx on).
 */
export interface LogHooks {
  /** Ends every open follow response cleanly (the containers keep running); returns how many. */
  endFollows(): number;
  /** Answers the next `count` log requests with `code` (a plain-text body), whatever they ask. */
  refuseNext(count: number, code: number): void;
}

interface LogHookState {
  follows: Set<() => void>;
  refusals: { count: number; code: number };
}

async function serveLogs(
  pods: PodRunner,
  hooks: LogHookState,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (hooks.refusals.count > 0) {
    hooks.refusals.count--;
    return fail(res, hooks.refusals.code, `the kubelet stand-in was told to refuse (${hooks.refusals.code})`);
  }
  const found = findContainer(pods, url.pathname.split('/').slice(2).map(decodeURIComponent));
  if (typeof found === 'string') return fail(res, 404, found);
  const q = url.searchParams;
  const previous = truthy(q.get('previous'));
  const log = previous ? found.previousLog : found.log;
  if (!log) return fail(res, 400, `previous terminated container "${found.spec.name}" not found`);
  const sinceTime = q.get('sinceTime');
  const query: LogQuery = {
    follow: truthy(q.get('follow')) && !previous,
    timestamps: truthy(q.get('timestamps')),
    tailLines: parseInt10(q.get('tailLines')),
    limitBytes: parseInt10(q.get('limitBytes')),
    sinceSeconds: parseInt10(q.get('sinceSeconds')),
    sinceTime: sinceTime ? new Date(sinceTime) : undefined,
  };
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  const abort = new AbortController();
  req.on('close', () => abort.abort());
  const endCleanly = () => abort.abort();
  if (query.follow) hooks.follows.add(endCleanly);
  // Backpressure: wait for 'drain' when the reader is slow; the log keeps its lines meanwhile.
  const write = (chunk: Buffer) =>
    res.write(chunk) || res.destroyed
      ? Promise.resolve()
      : once(res, 'drain', { signal: abort.signal }).then(
          () => {},
          () => {},
        );
  try {
    await log.stream(query, write, abort.signal);
  } finally {
    hooks.follows.delete(endCleanly);
  }
  res.end();
}

/**
 * The stand-in's HTTPS server: the two kubelet endpoints the API server proxies to,
 * `/containerLogs/{ns}/{pod}/{container}` and `/exec/{ns}/{pod}/{container}` (WebSocket), and the
 * {@link LogHooks} tests use on the first.
 */
export function createKubeletServer(
  pods: PodRunner,
  tls: { cert: string; key: string },
): { server: Server; logHooks: LogHooks } {
  const hooks: LogHookState = { follows: new Set(), refusals: { count: 0, code: 503 } };
  const logHooks: LogHooks = {
    endFollows() {
      const open = [...hooks.follows];
      for (const end of open) end();
      return open.length;
    },
    refuseNext(count, code) {
      hooks.refusals = { count, code };
    },
  };
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => chooseExecProtocol(offered),
  });
  const server = createServer({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://kubelet');
    if (url.pathname.startsWith('/containerLogs/')) {
      serveLogs(pods, hooks, url, req, res).catch((err: Error) => fail(res, 500, err.message));
    } else if (url.pathname.startsWith('/exec/')) {
      fail(res, 400, `the kubelet stand-in serves exec over WebSocket only (${execProtocols.join(', ')})`);
    } else {
      fail(res, 404, `the kubelet stand-in does not serve ${url.pathname}`);
    }
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'https://kubelet');
    const found = url.pathname.startsWith('/exec/')
      ? findContainer(pods, url.pathname.split('/').slice(2).map(decodeURIComponent))
      : `no WebSocket endpoint at ${url.pathname}`;
    if (typeof found !== 'string' && found.state.kind !== 'running') {
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\ncontainer not running (${found.state.kind})`,
      );
      return;
    }
    if (typeof found === 'string') {
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${found}`);
      return;
    }
    const q = url.searchParams;
    wss.handleUpgrade(req, socket, head, (ws) =>
      runExecSession(ws, {
        command: q.getAll('command'),
        tty: truthy(q.get('tty')),
        stdin: truthy(q.get('input')) || truthy(q.get('stdin')),
        container: found,
      }),
    );
  });
  return { server, logHooks };
}
