import { describe, expect, it } from 'vitest';
import { compileConfigSchema, parseConfig } from './config-schema.ts';

describe('compileConfigSchema', () => {
  it('refuses malformed schemas with a reason and never throws', () => {
    const cases: Record<string, unknown>[] = [
      { type: 'string' },
      { type: 'object', properties: { a: 7 } },
      { type: 'object', properties: { a: { type: 'nope' } } },
      { type: 'object', properties: { a: { $ref: 'https://evil.example/schema.json' } } },
      { type: 'object', properties: { a: { $ref: '#/$defs/a' } }, $defs: { a: { $ref: '#/$defs/a' } } },
      { type: 'object', properties: { a: { type: 'string', pattern: '(' } } },
    ];
    for (const schema of cases) expect(compileConfigSchema(schema)).toEqual(expect.any(String));
    expect(compileConfigSchema({ type: 'string' })).toBe('must be an object schema ("type": "object")');
    expect(compileConfigSchema(cases[3]!)).toMatch(/External \$ref is not supported/);
    expect(compileConfigSchema(cases[4]!)).toBe('$defs.a refers to itself without end');
  });

  it('gives each problem as plain data: the path, the message, the names of unknown settings', () => {
    const schema = compileConfigSchema({
      type: 'object',
      properties: {
        links: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } },
      },
      additionalProperties: false,
    });
    if (typeof schema === 'string') throw new Error(schema);
    expect(parseConfig(schema, { links: [{ url: 7 }], lnks: [] })).toEqual({
      ok: false,
      issues: [
        { path: ['links', 0, 'url'], message: 'Invalid input: expected string, received number' },
        { path: [], message: expect.stringContaining('lnks'), unknownKeys: ['lnks'] },
      ],
    });
    expect(parseConfig(schema, undefined)).toEqual({ ok: true, config: {} });
  });

  it('keeps a __proto__ property an ordinary setting: nothing reaches a prototype', () => {
    const schema = compileConfigSchema(
      JSON.parse(
        '{"type":"object","properties":{"__proto__":{"type":"object"}},"additionalProperties":false}',
      ),
    );
    if (typeof schema === 'string') throw new Error(schema);
    parseConfig(schema, JSON.parse('{"__proto__":{"polluted":true}}'));
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
