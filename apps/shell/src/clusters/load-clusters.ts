import {
  type ClusterSummary,
  clusterListSchema,
  isStatus,
  type Status,
  StatusError,
} from '@porthole/protocol';

/** The outcome of {@link loadClusters}: a failure is a value carrying the Status to show. */
export type LoadClustersResult = { ok: true; clusters: ClusterSummary[] } | { ok: false; status: Status };

const path = '/api/clusters';

async function bodyOf(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/**
 * Fetches `GET /api/clusters` and checks it against the protocol schema. Never rejects: an unreachable
 * server, an error Status or a body of the wrong shape all come back as `{ ok: false, status }`.
 *
 * @example
 * const result = await loadClusters(fetch);
 * if (result.ok) console.log(result.clusters.map((c) => c.name));
 * else console.error(result.status.message);
 */
export async function loadClusters(fetchFn: typeof fetch): Promise<LoadClustersResult> {
  let res: Response;
  try {
    res = await fetchFn(path, { headers: { accept: 'application/json' } });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      status: StatusError.serviceUnavailable(`cannot reach the Porthole server: ${why}`).status,
    };
  }
  const body = await bodyOf(res);
  if (!res.ok) {
    if (isStatus(body)) return { ok: false, status: body };
    const message = `GET ${path} failed: ${res.status} ${res.statusText}`.trim();
    return {
      ok: false,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: res.status,
        message,
      },
    };
  }
  const parsed = clusterListSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    const message = `GET ${path} returned an unexpected body${where}: ${issue?.message ?? 'invalid'}`;
    return { ok: false, status: StatusError.internal(message).status };
  }
  return { ok: true, clusters: parsed.data };
}
