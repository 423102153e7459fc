import { type ClientMessage, decodeExecFrame, isServiceUnavailable } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { createExecSubscription } from './exec.ts';
import type { SubscriptionChannel } from './subscription.ts';

function recordingChannel(id = 9) {
  const sent: (ClientMessage | Uint8Array)[] = [];
  const released: boolean[] = [];
  const channel: SubscriptionChannel = {
    id,
    send: (message) => sent.push(message),
    sendBytes: (bytes) => sent.push(bytes),
    release: (cancel) => released.push(cancel),
  };
  return { channel, sent, released };
}

const target = { cluster: 'c', namespace: 'default', pod: 'p', command: ['sh'], tty: true, stdin: true };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('createExecSubscription', () => {
  it('keeps input until the session is open, then sends size, input and stdin-close in order', async () => {
    const { channel, sent } = recordingChannel();
    const exec = createExecSubscription(channel, target);
    expect(exec.request(false)).toEqual({ op: 'exec', id: 9, ...target });
    exec.write('echo hi\n');
    exec.resize(80, 24);
    exec.resize(100, 30);
    exec.closeStdin();
    expect(sent).toEqual([]);
    exec.receive({ op: 'open', id: 9, protocol: 'v4.channel.k8s.io' });
    await expect(exec.opened).resolves.toEqual({ protocol: 'v4.channel.k8s.io' });
    expect(sent[0]).toEqual({ op: 'resize', id: 9, cols: 100, rows: 30 });
    const frame = decodeExecFrame(sent[1] as Uint8Array);
    expect(frame && { id: frame.id, channel: frame.channel, text: text(frame.payload) }).toEqual({
      id: 9,
      channel: 0,
      text: 'echo hi\n',
    });
    expect(sent[2]).toEqual({ op: 'stdin-close', id: 9 });
  });

  it('splits big input into frames and hands output to listeners by channel', () => {
    const { channel, sent } = recordingChannel();
    const exec = createExecSubscription(channel, target);
    exec.receive({ op: 'open', id: 9, protocol: 'v5.channel.k8s.io' });
    exec.write(new Uint8Array(150 * 1024).fill(7));
    const frames = sent.map((s) => decodeExecFrame(s as Uint8Array)!);
    expect(frames.map((f) => f.payload.length)).toEqual([65_536, 65_536, 22_528]);
    const output: string[] = [];
    exec.onOutput((ch, bytes) => output.push(`${ch}:${text(bytes)}`));
    exec.receiveBytes?.(1, new TextEncoder().encode('out'));
    exec.receiveBytes?.(2, new TextEncoder().encode('err'));
    expect(output).toEqual(['1:out', '2:err']);
  });

  it('resolves exit with the code', async () => {
    const { channel, released } = recordingChannel();
    const exec = createExecSubscription(channel, target);
    exec.receive({ op: 'open', id: 9, protocol: 'v4.channel.k8s.io' });
    exec.receive({ op: 'exit', id: 9, code: 3, message: 'command terminated with non-zero exit code' });
    await expect(exec.exit).resolves.toEqual({
      code: 3,
      message: 'command terminated with non-zero exit code',
    });
    expect(released).toEqual([false]);
  });

  it('ends with a connection-lost StatusError when the socket drops, and is not resumed', async () => {
    const { channel, released } = recordingChannel();
    const exec = createExecSubscription(channel, target);
    exec.disconnected();
    const error = await exec.exit.catch((e: unknown) => e);
    expect(isServiceUnavailable(error)).toBe(true);
    expect((error as Error).message).toContain('connection to Porthole was lost');
    await expect(exec.opened).rejects.toBe(error);
    expect(exec.request(true)).toBeUndefined();
    expect(released).toEqual([false]);
  });

  it('rejects with the Status of an error message', async () => {
    const exec = createExecSubscription(recordingChannel().channel, target);
    exec.receive({ op: 'error', id: 9, code: 403, reason: 'Forbidden', message: 'pods "p" is forbidden' });
    await expect(exec.exit).rejects.toMatchObject({ status: { code: 403, reason: 'Forbidden' } });
  });
});
