import type { LogsRequest } from '@porthole/protocol';
import { fatalUpstreamCodes, responseFailure, type UpstreamFailure } from './watch-request.ts';

/** How one upstream log request ended. */
export type ReadEnd =
  | { kind: 'closed'; lastedMs: number }
  | { kind: 'dropped'; failure: UpstreamFailure }
  | { kind: 'refused'; failure: UpstreamFailure };

/**
 * What a log stream does next: end, fail for good, ask the pod whether the container stopped, or resume
 * (after saying `reconnecting` and backing off when `pause`).
 */
export type LogStep =
  | { kind: 'end' }
  | { kind: 'fail'; failure: UpstreamFailure }
  | { kind: 'resume'; pause: boolean; cause?: UpstreamFailure };

/** Before deciding, ask the pod whether the container stopped (then {@link afterPodCheck}). */
export type AskPod = { kind: 'ask-pod' };

/** What a log stream's upstream is doing: `reconnecting` after a drop, `live` once a request is answered. */
export type LogState = 'live' | 'reconnecting';

/**
 * Wraps `onState` so that it hears changes only: another state, or `reconnecting` for another cause. A
 * stream starts `live` (its first answer says nothing).
 *
 * @example
 * const setState = stateReporter((state) => console.log(state));
 * setState('live'); // nothing
 * setState('reconnecting'); // reconnecting
 */
export function stateReporter(
  onState: ((state: LogState, cause?: UpstreamFailure) => void) | undefined,
): (state: LogState, cause?: UpstreamFailure) => void {
  let reconnecting = false;
  let causeMessage: string | undefined;
  return (state, cause) => {
    if (reconnecting === (state === 'reconnecting') && causeMessage === cause?.message) return;
    reconnecting = state === 'reconnecting';
    causeMessage = cause?.message;
    onState?.(state, cause);
  };
}

/** A response shorter than this that closes cleanly counts as a failed attempt (else a stream would spin). */
export const shortCloseMs = 1000;

/**
 * The step after one upstream log request ended. A clean close of a follow is only the end once the pod
 * says so (the previous run has always ended); a fatal refusal (404, 400, ...) of a resume may only say
 * the pod or container is gone meanwhile, so the pod is asked too; a drop or a passing refusal resumes.
 *
 * @example
 * afterRead({ kind: 'closed', lastedMs: 5000 }, { follow: true }, false); // { kind: 'ask-pod' }
 */
export function afterRead(
  ended: ReadEnd,
  request: Pick<LogsRequest, 'follow' | 'previous'>,
  resumed: boolean,
): LogStep | AskPod {
  const askPod: LogStep | AskPod = request.previous ? { kind: 'end' } : { kind: 'ask-pod' };
  if (ended.kind === 'closed') return request.follow ? askPod : { kind: 'end' };
  if (ended.kind === 'refused' && fatalUpstreamCodes.has(ended.failure.code)) {
    return resumed ? askPod : { kind: 'fail', failure: ended.failure };
  }
  return { kind: 'resume', pause: true, cause: ended.failure };
}

/**
 * The step once the pod said whether the container stopped (`finished`: true, false, or the failure
 * that kept it from telling). A clean close while the container runs was a drop: resumed at once
 * unless it came too soon; a refusal stays fatal unless the container stopped.
 *
 * @example
 * afterPodCheck({ kind: 'closed', lastedMs: 200 }, false); // { kind: 'resume', pause: true }
 */
export function afterPodCheck(ended: ReadEnd, finished: boolean | UpstreamFailure): LogStep {
  if (finished === true) return { kind: 'end' };
  if (ended.kind !== 'closed') return { kind: 'fail', failure: ended.failure };
  if (finished === false) return { kind: 'resume', pause: ended.lastedMs < shortCloseMs };
  return { kind: 'resume', pause: true, cause: finished };
}

/** The I/O a log stream's loop drives (see {@link runLogLoop}). */
export interface LogLoopSteps {
  /** One upstream request read to its end; `resumed` for every request after the first. */
  read(resumed: boolean): Promise<ReadEnd>;
  /** Whether the container stopped, or why the pod can't tell. */
  podFinished(): Promise<boolean | UpstreamFailure>;
  /** Says `reconnecting` (with its cause) and backs off. */
  reconnect(cause: UpstreamFailure | undefined): Promise<void>;
  end(): Promise<void>;
  fail(failure: UpstreamFailure): void;
}

/**
 * Reads, decides, and reads again until the log ends, fails, or `signal` aborts; after the abort it
 * takes no further step.
 *
 * @example
 * await runLogLoop(request, controller.signal, { read, podFinished, reconnect, end, fail });
 */
export async function runLogLoop(
  request: Pick<LogsRequest, 'follow' | 'previous'>,
  signal: AbortSignal,
  steps: LogLoopSteps,
): Promise<void> {
  for (let resumed = false; !signal.aborted; resumed = true) {
    const ended = await steps.read(resumed);
    if (signal.aborted) return;
    let step = afterRead(ended, request, resumed);
    if (step.kind === 'ask-pod') {
      const finished = await steps.podFinished();
      if (signal.aborted) return;
      step = afterPodCheck(ended, finished);
    }
    if (step.kind === 'end') return steps.end();
    if (step.kind === 'fail') return steps.fail(step.failure);
    if (step.pause) await steps.reconnect(step.cause);
  }
}

/** The parts of a pod {@link containerStopped} reads. */
export interface PodState {
  status?: {
    phase?: string;
    containerStatuses?: { name?: string; state?: { running?: object; terminated?: object } }[];
  };
  spec?: { containers?: { name?: string }[] };
}

/**
 * Whether the pod says the log's container has stopped: the pod has finished (`Succeeded`, `Failed`), or
 * the container (`container`, else the pod's first) is not running (terminated, waiting, not started).
 *
 * @example
 * containerStopped({ status: { phase: 'Running', containerStatuses: [{ name: 'app', state: { running: {} } }] } }, 'app'); // false
 */
export function containerStopped(pod: PodState, container: string | undefined): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return true;
  const name = container ?? pod.spec?.containers?.[0]?.name;
  const status = pod.status?.containerStatuses?.find((s) => s.name === name);
  return status?.state?.running === undefined;
}

/** The parts of a response {@link podAnswer} reads. */
export type PodResponse = Parameters<typeof responseFailure>[0];

/**
 * What the API server's answer to a pod GET says about the log's container: true on a fatal refusal (404:
 * the pod is gone; 403 and the like: nobody may read it, so nobody can tell, and a clean close is taken as
 * the end), the failure of any other refusal (5xx, 429), else {@link containerStopped}.
 *
 * @example
 * podAnswer({ statusCode: 404, headers: {} }, '', 'app'); // true
 */
export function podAnswer(
  response: PodResponse,
  body: string,
  container: string | undefined,
): boolean | UpstreamFailure {
  if (response.statusCode !== 200) {
    const failure = responseFailure(response, body);
    return fatalUpstreamCodes.has(failure.code) ? true : failure;
  }
  return containerStopped(JSON.parse(body) as PodState, container);
}
