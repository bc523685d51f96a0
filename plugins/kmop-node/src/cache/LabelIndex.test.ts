import { LabelIndex } from './LabelIndex';

describe('LabelIndex', () => {
  it('finds keys by label name and value, and forgets them when removed', () => {
    const index = new LabelIndex();
    index.add({ app: 'checkout', tier: 'web' }, 'a');
    index.add({ app: 'checkout' }, 'b');
    index.add({ app: 'payments' }, 'c');
    expect([...index.get('app', 'checkout')!]).toEqual(['a', 'b']);
    expect([...index.get('tier', 'web')!]).toEqual(['a']);
    expect(index.get('app', 'search')).toBeUndefined();
    expect(index.get('tier', 'checkout')).toBeUndefined();

    index.remove({ app: 'checkout', tier: 'web' }, 'a');
    expect([...index.get('app', 'checkout')!]).toEqual(['b']);
    expect(index.get('tier', 'web')).toBeUndefined();
    index.remove({ app: 'checkout' }, 'b');
    expect(index.get('app', 'checkout')).toBeUndefined();
    expect([...index.get('app', 'payments')!]).toEqual(['c']);
  });

  it('does not mistake a name and value for another pair that joins the same', () => {
    const index = new LabelIndex();
    index.add({ 'a=b': 'c' }, 'x');
    expect(index.get('a', 'b=c')).toBeUndefined();
    expect([...index.get('a=b', 'c')!]).toEqual(['x']);
  });

  it('removing what was never added changes nothing', () => {
    const index = new LabelIndex();
    index.add({ app: 'checkout' }, 'a');
    index.remove({ app: 'payments', other: 'x' }, 'a');
    expect([...index.get('app', 'checkout')!]).toEqual(['a']);
  });
});
