/** Which resource collection a request is about: group ('' for core), version, plural resource, namespace. */
export interface ResourceRef {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  /** Omit for cluster-scoped resources and for lists across all namespaces. */
  namespace?: string;
}

/** A single object of a {@link ResourceRef}. */
export interface ObjectRef extends ResourceRef {
  name: string;
}

function segment(value: string, what: string): string {
  if (value === '' || value === '.' || value === '..' || value.includes('/')) {
    throw new TypeError(`${what} ${JSON.stringify(value)} is not a valid path segment`);
  }
  return encodeURIComponent(value);
}

/**
 * The Kubernetes API path of a collection or object, e.g. `/apis/batch/v1/namespaces/demo/jobs/x`.
 *
 * @example
 * resourcePath({ cluster: 'c', group: '', version: 'v1', resource: 'pods', namespace: 'default' }); // '/api/v1/namespaces/default/pods'
 */
export function resourcePath(ref: ResourceRef & { name?: string; subresource?: string }): string {
  const base =
    ref.group === ''
      ? `/api/${segment(ref.version, 'version')}`
      : `/apis/${segment(ref.group, 'group')}/${segment(ref.version, 'version')}`;
  const ns = ref.namespace === undefined ? '' : `/namespaces/${segment(ref.namespace, 'namespace')}`;
  const name = ref.name === undefined ? '' : `/${segment(ref.name, 'name')}`;
  const sub = ref.subresource === undefined ? '' : `/${segment(ref.subresource, 'subresource')}`;
  return `${base}${ns}/${segment(ref.resource, 'resource')}${name}${sub}`;
}

/** The path through Porthole's proxy: `/clusters/{cluster}{api path}`. */
export function clusterPath(cluster: string, apiPath: string): string {
  return `/clusters/${segment(cluster, 'cluster')}${apiPath}`;
}
