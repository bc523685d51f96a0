import { ApiError } from '../errors';
import {
  matchesSelector,
  parseFieldSelector,
  parseLabelSelector,
  parseSelector,
} from './selectors';
import { KubeObject } from '../types';

function obj(
  labels: Record<string, string>,
  name = 'a',
  namespace = 'ns',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels },
  };
}

function matches(selector: string, labels: Record<string, string>) {
  return matchesSelector(obj(labels), parseSelector(selector));
}

describe('label selectors', () => {
  it('parses equality, set-based and existence clauses', () => {
    expect(
      parseLabelSelector('a=1, b==2,c!=3,d in (x, y),e notin (z),f,!g,h>4,i<5'),
    ).toEqual([
      { key: 'a', op: 'in', values: ['1'] },
      { key: 'b', op: 'in', values: ['2'] },
      { key: 'c', op: 'notIn', values: ['3'] },
      { key: 'd', op: 'in', values: ['x', 'y'] },
      { key: 'e', op: 'notIn', values: ['z'] },
      { key: 'f', op: 'exists' },
      { key: 'g', op: 'notExists' },
      { key: 'h', op: 'gt', value: 4 },
      { key: 'i', op: 'lt', value: 5 },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector(undefined)).toEqual([]);
  });

  it('accepts prefixed keys and empty values', () => {
    expect(
      parseLabelSelector(
        'app.kubernetes.io/name=web,backstage.io/kubernetes-id=',
      ),
    ).toEqual([
      { key: 'app.kubernetes.io/name', op: 'in', values: ['web'] },
      { key: 'backstage.io/kubernetes-id', op: 'in', values: [''] },
    ]);
  });

  it.each([
    ['a=1,', 'empty requirement'],
    ['a in ()', "values set can't be empty"],
    ['Bad Key=1', 'unexpected'],
    ['a=b c', 'invalid label value'],
    ['-a=1', 'invalid label key'],
    ['a>x', 'must be an integer'],
  ])('rejects %j with a 400 that says why', (selector, why) => {
    let error: unknown;
    try {
      parseLabelSelector(selector);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(400);
    expect((error as ApiError).message).toContain(why);
  });

  it('matches as Kubernetes does, including absent keys for != and notin', () => {
    expect(matches('tier=web', { tier: 'web' })).toBe(true);
    expect(matches('tier=web', { tier: 'db' })).toBe(false);
    expect(matches('tier!=web', {})).toBe(true);
    expect(matches('tier!=web', { tier: 'web' })).toBe(false);
    expect(matches('tier in (web,db)', { tier: 'db' })).toBe(true);
    expect(matches('tier in (web,db)', {})).toBe(false);
    expect(matches('tier notin (web)', {})).toBe(true);
    expect(matches('tier notin (web)', { tier: 'web' })).toBe(false);
    expect(matches('tier', { tier: '' })).toBe(true);
    expect(matches('!tier', { tier: '' })).toBe(false);
    expect(matches('!tier', { other: 'x' })).toBe(true);
    expect(matches('n>3', { n: '4' })).toBe(true);
    expect(matches('n>3', { n: 'x' })).toBe(false);
    expect(matches('a=1,b=2', { a: '1', b: '2' })).toBe(true);
    expect(matches('a=1,b=2', { a: '1' })).toBe(false);
  });
});

describe('field selectors', () => {
  it('selects on metadata.name and metadata.namespace', () => {
    const selector = {
      labels: [],
      fields: parseFieldSelector(
        'metadata.name=a,metadata.namespace!=kube-system',
      ),
    };
    expect(matchesSelector(obj({}, 'a', 'ns'), selector)).toBe(true);
    expect(matchesSelector(obj({}, 'b', 'ns'), selector)).toBe(false);
    expect(matchesSelector(obj({}, 'a', 'kube-system'), selector)).toBe(false);
  });

  it('rejects other fields with the Kubernetes message', () => {
    expect(() => parseFieldSelector('status.phase=Running')).toThrow(
      'field label not supported: status.phase',
    );
    expect(() => parseFieldSelector('nonsense')).toThrow(ApiError);
  });
});
