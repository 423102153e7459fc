/**
 * WebSocket close codes the multiplexer (`GET /ws`) uses. `serviceRestart` (1012, RFC 6455 registry:
 * "Service Restart"): this replica is draining; reconnect at once (a load balancer sends the new socket
 * to another replica) and resume every subscription. `goingAway` (1001): the server is stopping.
 * `tooBig` (1009): a frame over the size limit.
 *
 * @example
 * ws.addEventListener('close', (e) => { if (e.code === muxCloseCodes.serviceRestart) reconnectNow(); });
 */
export const muxCloseCodes = { goingAway: 1001, tooBig: 1009, serviceRestart: 1012 } as const;
