import { describe, expect, it } from 'vitest';
import {
  downstreamRawHeaders,
  downstreamResponseHeaders,
  upstreamRequestHeaders,
} from './upstream-headers.ts';

const browser = {
  host: '127.0.0.1:4466',
  cookie: 'session=1',
  'user-agent': 'Mozilla/5.0',
  origin: 'http://127.0.0.1:4466',
  referer: 'http://127.0.0.1:4466/pods',
  authorization: 'Bearer from-the-browser',
  'x-porthole-request': '1',
  connection: 'keep-alive, x-private',
  'keep-alive': 'timeout=5',
  'x-private': 'hop',
  'proxy-authorization': 'Basic abc',
  te: 'trailers',
  trailer: 'x',
  accept: 'application/json',
  'content-type': 'application/merge-patch+json',
  'content-length': '12',
  'impersonate-user': 'jane',
  'impersonate-group': 'system:masters',
  'impersonate-uid': '1',
  'impersonate-extra-scopes': 'all',
};

describe('upstreamRequestHeaders', () => {
  it("drops the browser's identity, credentials, Impersonate-* and hop-by-hop headers and keeps the rest", () => {
    expect(upstreamRequestHeaders(browser, { upgrade: false })).toEqual({
      accept: 'application/json',
      'content-type': 'application/merge-patch+json',
      'content-length': '12',
    });
  });

  it('keeps Upgrade and Connection: Upgrade only on upgrades', () => {
    const handshake = {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-key': 'k',
      'sec-websocket-version': '13',
    };
    expect(upstreamRequestHeaders(handshake, { upgrade: true })).toEqual({
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-key': 'k',
      'sec-websocket-version': '13',
    });
    expect(upstreamRequestHeaders(handshake, { upgrade: false })).toEqual({
      'sec-websocket-key': 'k',
      'sec-websocket-version': '13',
    });
  });

  it('keeps a chunked body chunked', () => {
    expect(upstreamRequestHeaders({ 'transfer-encoding': 'chunked' }, { upgrade: false })).toEqual({
      'transfer-encoding': 'chunked',
    });
  });
});

describe('downstreamResponseHeaders', () => {
  it('drops hop-by-hop headers, cookies and password prompts', () => {
    expect(
      downstreamResponseHeaders({
        'content-type': 'application/json',
        'audit-id': 'a1',
        'transfer-encoding': 'chunked',
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
        'set-cookie': ['a=b'],
        'www-authenticate': 'Basic realm="kubernetes-master"',
      }),
    ).toEqual({ 'content-type': 'application/json', 'audit-id': 'a1' });
  });
});

describe('downstreamRawHeaders', () => {
  it('keeps the spelling of what it keeps', () => {
    expect(
      downstreamRawHeaders([
        'Upgrade',
        'websocket',
        'Connection',
        'Upgrade',
        'Sec-WebSocket-Accept',
        'abc=',
        'Sec-WebSocket-Protocol',
        'v4.channel.k8s.io',
      ]),
    ).toEqual([
      ['Sec-WebSocket-Accept', 'abc='],
      ['Sec-WebSocket-Protocol', 'v4.channel.k8s.io'],
    ]);
  });
});
