import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as z from 'zod/mini';
import { list, looseObject, stringish } from '../../src/mailgun/schema-helpers';

// looseObject() reads responses with zod's compiled object parser; it must agree with z.looseObject in every answer.
describe('looseObject (compiled) reads exactly as z.looseObject', () => {
  const build = (object: typeof z.looseObject) => {
    const record = object({ record_type: z.string(), priority: z.optional(stringish()), cached: z.nullish(z.array(z.string())) });
    return object({ name: z.string(), count: z.int(), records: list(record), nested: z.optional(object({ on: z.boolean() })) });
  };
  const compiled = build(looseObject);
  const plain = build(z.looseObject);
  const cases: unknown[] = [
    { name: 'mg.example.com', count: 2, records: [{ record_type: 'MX', priority: 10, extra: 'kept' }, { record_type: 'TXT', cached: null }], unknown: { deep: [1] } },
    { name: 'mg.example.com', count: 0, records: null },
    { name: 'mg.example.com', count: 0 },
    { name: 5, count: 1.5, records: [{ priority: [] }], nested: { on: 'yes' } },
    { count: 1 },
    null,
    'text',
    [],
  ];
  for (const [i, input] of cases.entries()) {
    test(`case ${i}`, () => {
      const a = compiled.safeParse(structuredClone(input));
      const b = plain.safeParse(structuredClone(input));
      assert.equal(a.success, b.success);
      if (a.success && b.success) assert.deepEqual(a.data, b.data);
      else assert.deepEqual(a.error?.issues, b.error?.issues);
    });
  }

  test('unknown keys are kept and the input is not written to', () => {
    const input = { name: 'a', count: 1, records: [], extra: { x: 1 } };
    const copy = structuredClone(input);
    const out = compiled.parse(input);
    assert.deepEqual(out, input);
    assert.deepEqual(input, copy);
    assert.equal(compiled.shape.name, compiled._zod.def.shape.name);
    assert.ok(compiled._zod.traits.has('$ZodObjectJIT'), 'built on the compiled parser');
    assert.ok(!plain._zod.traits.has('$ZodObjectJIT'));
  });
});
