import type { Distribution } from '@porthole/protocol';
import { describe, expect, it } from 'vitest';
import { createDistributionAdapters, createRancherAdapter, withoutBrowserHeaders } from './index.ts';

const browserish = {
  authorization: 'Bearer server-side',
  cookie: 'session=abc',
  origin: 'http://localhost:4466',
  referer: 'http://localhost:4466/clusters',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126',
  accept: 'application/json',
};
const bearer = (token: string) =>
  `base64url.bearer.authorization.k8s.io.${Buffer.from(token).toString('base64url')}`;

describe('withoutBrowserHeaders', () => {
  it("drops the browser's cookie, origin, referer and user-agent and names Porthole instead", () => {
    expect(withoutBrowserHeaders(browserish, '1.2.3')).toEqual({
      authorization: 'Bearer server-side',
      accept: 'application/json',
      'user-agent': 'porthole/1.2.3',
    });
  });

  it('matches header names case-insensitively', () => {
    expect(withoutBrowserHeaders({ Cookie: 'a', Origin: 'b' }, undefined)).toEqual({
      'user-agent': 'porthole',
    });
  });
});

describe('createDistributionAdapters', () => {
  const adapters = createDistributionAdapters({ version: '0.1.0' });
  const all: Distribution[] = ['kubernetes', 'rancher', 'eks', 'gke', 'openshift'];

  it.each(all)('has a %s adapter that never forwards browser headers, on HTTP or upgrades', (name) => {
    const adapter = adapters.adapterFor(name);
    expect(adapter.name).toBe(name);
    for (const kind of ['http', 'upgrade'] as const) {
      const out = adapter.prepareHeaders({ ...browserish }, kind);
      expect(out).toEqual({
        authorization: 'Bearer server-side',
        accept: 'application/json',
        'user-agent': 'porthole/0.1.0',
      });
    }
  });

  it('leaves the input headers untouched', () => {
    const input = { ...browserish };
    adapters.adapterFor('rancher').prepareHeaders(input, 'upgrade');
    expect(input).toEqual(browserish);
  });
});

describe('createRancherAdapter', () => {
  const rancher = createRancherAdapter();

  it('never sends a bearer token as a WebSocket subprotocol, keeping the other protocols', () => {
    const out = rancher.prepareHeaders(
      {
        authorization: 'Bearer server-side',
        'sec-websocket-protocol': `${bearer('browser')}, v4.channel.k8s.io`,
      },
      'upgrade',
    );
    expect(out).toEqual({
      authorization: 'Bearer server-side',
      'sec-websocket-protocol': 'v4.channel.k8s.io',
      'user-agent': 'porthole',
    });
  });

  it('turns a subprotocol token into the Authorization header when there is none (padded tolerated)', () => {
    const padded = `${bearer('abcd')}==`;
    const out = rancher.prepareHeaders(
      { 'sec-websocket-protocol': `v4.channel.k8s.io,${padded}`, origin: 'https://evil.example' },
      'upgrade',
    );
    expect(out).toEqual({
      authorization: 'Bearer abcd',
      'sec-websocket-protocol': 'v4.channel.k8s.io',
      'user-agent': 'porthole',
    });
  });

  it('drops the protocol header when only a token was offered', () => {
    const out = rancher.prepareHeaders({ 'sec-websocket-protocol': bearer('t') }, 'upgrade');
    expect(out).toEqual({ authorization: 'Bearer t', 'user-agent': 'porthole' });
  });

  it('leaves plain HTTP requests to the baseline', () => {
    expect(
      rancher.prepareHeaders({ authorization: 'Bearer x', 'user-agent': 'Mozilla/5.0' }, 'http'),
    ).toEqual({
      authorization: 'Bearer x',
      'user-agent': 'porthole',
    });
  });
});
