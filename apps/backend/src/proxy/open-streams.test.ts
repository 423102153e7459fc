import { once } from 'node:events';
import { duplexPair, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { contextRemovedEvent, createOpenStreams } from './open-streams.ts';

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text;
}

describe('createOpenStreams', () => {
  it('ends a JSON watch with an ERROR event on a line of its own', async () => {
    const streams = createOpenStreams();
    const source = new PassThrough();
    const sink = new PassThrough();
    const text = collect(sink);
    source.pipe(sink);
    streams.trackResponse('prod', { source, sink, ending: 'watch' });
    source.write('{"type":"ADDED","object":{}}\n{"type":"MOD');
    await new Promise((resolve) => setImmediate(resolve));

    expect(streams.closeContext('prod', 'context "prod" was removed')).toBe(1);
    await once(sink, 'end');
    const lines = text().split('\n');
    expect(lines.slice(0, 2)).toEqual(['{"type":"ADDED","object":{}}', '{"type":"MOD']);
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'ContextRemoved', message: 'context "prod" was removed' },
    });
    expect(source.destroyed).toBe(true);
  });

  it('ends a followed log without adding to it and destroys a plain response', async () => {
    const streams = createOpenStreams();
    const log = { source: new PassThrough(), sink: new PassThrough() };
    const list = { source: new PassThrough(), sink: new PassThrough() };
    const text = collect(log.sink);
    streams.trackResponse('prod', { ...log, ending: 'stream' });
    streams.trackResponse('prod', { ...list, ending: 'plain' });
    log.source.pipe(log.sink);
    log.source.write('line 1\n');
    expect(streams.count('prod')).toBe(2);

    expect(streams.closeContext('prod', 'gone')).toBe(2);
    await once(log.sink, 'end');
    expect(text()).toBe('line 1\n');
    expect(list.sink.destroyed).toBe(true);
  });

  it('closes a tunnel with a WebSocket close frame to the client', async () => {
    const streams = createOpenStreams();
    const [client, browser] = duplexPair();
    const [upstream, apiServer] = duplexPair();
    upstream.pipe(client);
    client.pipe(upstream);
    const written: Buffer[] = [];
    browser.on('data', (chunk: Buffer) => written.push(chunk));
    streams.trackTunnel('prod', { client, upstream });
    apiServer.write('before');
    await new Promise((resolve) => setImmediate(resolve));

    streams.closeContext('prod', 'removed');
    await once(browser, 'end');
    const received = Buffer.concat(written);
    expect(received.subarray(0, 6).toString()).toBe('before');
    const frame = received.subarray(6);
    expect(frame[0]).toBe(0x88);
    expect(frame.readUInt16BE(2)).toBe(4001);
    expect(frame.subarray(4).toString()).toBe('removed');
    expect(upstream.destroyed).toBe(true);
    client.destroy();
  });

  it('forgets streams once they close and leaves other contexts alone', async () => {
    const streams = createOpenStreams();
    const done = { source: new PassThrough(), sink: new PassThrough() };
    const other = { source: new PassThrough(), sink: new PassThrough() };
    streams.trackResponse('prod', { ...done, ending: 'plain' });
    streams.trackResponse('dev', { ...other, ending: 'plain' });
    done.sink.destroy();
    await once(done.sink, 'close');

    expect(streams.count('prod')).toBe(0);
    expect(streams.closeContext('prod', 'gone')).toBe(0);
    expect(streams.count()).toBe(1);
    expect(other.sink.destroyed).toBe(false);
  });
});

describe('contextRemovedEvent', () => {
  it('is one JSON line', () => {
    const line = contextRemovedEvent('bye');
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
  });
});
