import { z } from 'zod/mini';

/** Kubernetes distributions the backend adapts its authentication to. */
export const distributionSchema = z.enum(['kubernetes', 'rancher', 'eks', 'gke', 'openshift']);
export type Distribution = z.infer<typeof distributionSchema>;

/**
 * One entry of `GET /api/clusters`: a kubeconfig context as the browser may see it.
 * Never carries a credential.
 *
 * @example
 * const c: ClusterSummary = { name: 'admin', server: 'https://127.0.0.1:6443',
 *   distribution: 'kubernetes', namespace: 'default', source: '/home/me/.kube/config' };
 */
export const clusterSummarySchema = z.object({
  name: z.string().check(z.minLength(1)),
  server: z.string(),
  distribution: distributionSchema,
  namespace: z.string(),
  source: z.string(),
  /** The name of the kubeconfig `cluster` entry the context uses (a name, never a credential). */
  clusterName: z.optional(z.string()),
  /** The name of the kubeconfig `user` entry the context uses (a name, never a credential). */
  user: z.optional(z.string()),
  error: z.optional(z.string()),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const clusterListSchema = z.array(clusterSummarySchema);
