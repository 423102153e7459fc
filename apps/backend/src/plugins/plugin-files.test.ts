import { describe, expect, it } from 'vitest';
import { etagOf } from './integrity.ts';
import { immutableCaching, isContentHashed, pluginFileResponse } from './plugin-files.ts';

describe('isContentHashed', () => {
  it('recognises the content-hashed names Rsbuild writes', () => {
    for (const file of [
      'static/js/async/h.50c1b09889.js',
      'static/css/async/h.06bd0b33e3.css',
      'static/js/index.c5a6f85e1e.js',
      'static/js/vendors-solid.1a2b3c4d.js.map',
      'static/font/inter-0a1b2c3d4e.woff2',
      'index.0123abcd.js',
      '0123abcd.js',
    ]) {
      expect(isContentHashed(file), file).toBe(true);
    }
  });

  it('never treats the entry, the metadata or other plain names as immutable', () => {
    for (const file of [
      'remoteEntry.js',
      'porthole-plugin.json',
      'mf-manifest.json',
      'static/js/123.js',
      'a.b/x.js',
      'chunk0123456789.js',
      'h.0123456789.js~',
      'static.0123456789/remoteEntry.js',
    ]) {
      expect(isContentHashed(file), file).toBe(false);
    }
  });
});

describe('pluginFileResponse', () => {
  const bytes = new TextEncoder().encode('var x = 1;\n');

  it('sends the entry with a strong ETag and no-cache, typed by its name', async () => {
    const res = pluginFileResponse('remoteEntry.js', { bytes }, undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('etag')).toBe(etagOf(bytes));
    expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('gives equal bytes the same ETag and different bytes (even of the same length) different ones', () => {
    const etag = (text: string) =>
      pluginFileResponse('remoteEntry.js', { bytes: new TextEncoder().encode(text) }, undefined).headers.get(
        'etag',
      );
    expect(etag('var x = 1;\n')).toBe(etag('var x = 1;\n'));
    const tags = ['var x = 1;\n', 'var x = 2;\n', 'var y = 1;\n', '', 'var x = 1;\n\n'].map(etag);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('answers 200 with the new bytes when the file changed since the ETag the browser holds', async () => {
    const before = pluginFileResponse('remoteEntry.js', { bytes }, undefined).headers.get('etag')!;
    const rebuilt = new TextEncoder().encode('var x = 2;\n');
    const res = pluginFileResponse('remoteEntry.js', { bytes: rebuilt }, before);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(before);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(rebuilt);
  });

  it('answers 304 without a body when If-None-Match has the ETag (also in a list or weak)', async () => {
    const etag = etagOf(bytes);
    for (const header of [etag, `"other", W/${etag}`, '*', ' * ']) {
      const res = pluginFileResponse('remoteEntry.js', { bytes }, header);
      expect(res.status, header).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe('');
    }
    expect(pluginFileResponse('remoteEntry.js', { bytes }, '"stale"').status).toBe(200);
    // "W/" marks a weak tag only in front; inside the quotes it is part of another tag.
    expect(pluginFileResponse('remoteEntry.js', { bytes }, `"W/${etag.slice(1)}`).status).toBe(200);
  });

  it('lets browsers keep content-hashed files for a year', () => {
    const res = pluginFileResponse('static/js/async/h.50c1b09889.js', { bytes }, undefined);
    expect(res.headers.get('cache-control')).toBe(immutableCaching);
    expect(immutableCaching).toContain('max-age=31536000');
    expect(immutableCaching).toContain('immutable');
  });

  it('falls back to the source content type, then to octet-stream', () => {
    const typed = pluginFileResponse('data', { bytes, contentType: 'text/plain' }, undefined);
    expect(typed.headers.get('content-type')).toBe('text/plain');
    expect(pluginFileResponse('data', { bytes }, undefined).headers.get('content-type')).toBe(
      'application/octet-stream',
    );
  });
});
