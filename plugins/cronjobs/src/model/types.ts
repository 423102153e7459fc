import type { KubeObject } from '@porthole/sdk';

/** The metadata fields this plugin reads. */
export type Meta = KubeObject['metadata'] & {
  namespace?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
};

/** The fields of a CronJob this plugin reads; the same in `batch/v1beta1` and `batch/v1`. */
export interface CronJob extends KubeObject {
  metadata: Meta;
  spec?: {
    schedule?: string;
    timeZone?: string;
    suspend?: boolean;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    startingDeadlineSeconds?: number;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: Record<string, unknown>;
    };
  };
  status?: {
    active?: { name?: string; namespace?: string; uid?: string }[];
    lastScheduleTime?: string;
    /** `batch/v1` (1.21+) only. */
    lastSuccessfulTime?: string;
  };
}

/** The fields of a Job this plugin reads. */
export interface Job extends KubeObject {
  metadata: Meta;
  spec?: Record<string, unknown>;
  status?: {
    active?: number;
    succeeded?: number;
    failed?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}
