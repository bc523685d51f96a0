import { Reader, describeCondition, show } from './access';

describe('Reader', () => {
  const object = {
    metadata: {
      name: 'web',
      labels: { 'app.kubernetes.io/name': 'web', tier: 3 },
    },
    spec: {
      replicas: 3,
      paused: 'no',
      surge: '25%',
      ports: [{ port: 80 }, 'http', null],
      hosts: ['a', 7],
      nothing: null,
      huge: Infinity,
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True' }, { type: 'Broken' }],
    },
  };

  it('reads fields by dotted path and records wrong types', () => {
    const r = Reader.root(object);
    expect(r.str('metadata.name')).toBe('web');
    expect(r.int('spec.replicas')).toBe(3);
    expect(r.bool('spec.paused')).toBeUndefined();
    expect(r.intOrString('spec.surge')).toBe('25%');
    expect(r.num('spec.huge')).toBeUndefined();
    expect(r.issues).toEqual([
      'spec.paused is a string, expected a boolean',
      'spec.huge is a number, expected a finite number',
    ]);
  });

  it('treats absent and null as undefined without an issue', () => {
    const r = Reader.root(object);
    expect(r.str('spec.missing')).toBeUndefined();
    expect(r.str('spec.nothing')).toBeUndefined();
    expect(r.str('status.deep.deeper')).toBeUndefined();
    expect(r.issues).toEqual([]);
  });

  it('records a path that runs through a non-object once', () => {
    const r = Reader.root(object);
    expect(r.str('spec.replicas.value')).toBeUndefined();
    expect(r.str('spec.replicas.other')).toBeUndefined();
    expect(r.issues).toEqual(['spec.replicas is a number, expected an object']);
  });

  it('gives child readers for array elements, with indexed paths in issues', () => {
    const r = Reader.root(object);
    const ports = r.arr('spec.ports');
    expect(ports.map(p => p.int('port'))).toEqual([80]);
    expect(r.strs('spec.hosts')).toEqual(['a']);
    expect(r.issues).toEqual([
      'spec.ports[1] is a string, expected an object',
      'spec.hosts[1] is a number, expected a string',
    ]);
    ports[0].str('port');
    expect(r.issues).toContain(
      'spec.ports[0].port is a number, expected a string',
    );
  });

  it('reads label maps with dotted keys, skipping non-strings', () => {
    const r = Reader.root(object);
    expect(r.stringMap('metadata.labels')).toEqual({
      'app.kubernetes.io/name': 'web',
    });
    expect(r.str(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('web');
    expect(r.issues).toEqual([
      'metadata.labels.tier is a number, expected a string',
    ]);
  });

  it('reads conditions and records ones without type or status', () => {
    const r = Reader.root(object);
    expect(r.conditions()).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'True' }),
    ]);
    expect(r.issues).toEqual([
      'status.conditions[1] is a condition without a type or status',
    ]);
  });

  it('reads int64 fields written as decimal strings', () => {
    const r = Reader.root({ a: '12', b: 7, c: 'x12', d: '1.5' });
    expect([
      r.intLike('a'),
      r.intLike('b'),
      r.intLike('c'),
      r.intLike('d'),
    ]).toEqual([12, 7, undefined, undefined]);
    expect(r.issues).toEqual([
      'c is a string, expected an integer',
      'd is a string, expected an integer',
    ]);
  });

  it('does not read inherited properties', () => {
    const r = Reader.root({ spec: {} });
    expect(r.get('spec.constructor')).toBeUndefined();
    expect(r.get('spec.__proto__')).toBeUndefined();
  });
});

describe('describeCondition', () => {
  it('joins type, status, reason and message', () => {
    expect(
      describeCondition({
        type: 'Accepted',
        status: 'False',
        reason: 'Pending',
        message: 'waiting',
      }),
    ).toBe('Accepted=False (Pending): waiting');
    expect(describeCondition({ type: 'Ready', status: 'True' })).toBe(
      'Ready=True',
    );
  });
});

describe('show', () => {
  it('renders values briefly', () => {
    expect(show('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(show(3)).toBe('3');
    expect(show({ a: 1 })).toBe('an object');
    expect(show(null)).toBe('null');
  });
});
