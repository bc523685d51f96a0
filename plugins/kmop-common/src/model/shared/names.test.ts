import {
  DNS1123_LABEL_MESSAGE,
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  entityRefSchema,
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  isQualifiedName,
} from './names';

describe('DNS-1123 names', () => {
  it.each(['a', 'payments-api', 'a1', '0abc', 'x'.repeat(63)])(
    'accepts the label %s',
    name => {
      expect(isDns1123Label(name)).toBe(true);
      expect(dns1123LabelSchema.safeParse(name).success).toBe(true);
    },
  );

  it.each(['', 'Payments', '-a', 'a-', 'a_b', 'a.b', 'x'.repeat(64)])(
    'rejects the label %j with the label message',
    name => {
      expect(isDns1123Label(name)).toBe(false);
      const result = dns1123LabelSchema.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map(i => i.message)).toContain(
        DNS1123_LABEL_MESSAGE,
      );
    },
  );

  it('accepts subdomains up to 253 characters and rejects longer ones', () => {
    const label = 'a'.repeat(63);
    const name253 = [label, label, label, 'b'.repeat(61)].join('.');
    expect(name253).toHaveLength(253);
    expect(isDns1123Subdomain(name253)).toBe(true);
    expect(isDns1123Subdomain(`${name253}c`)).toBe(false);
    expect(dns1123SubdomainSchema.safeParse('payments.api-v2').success).toBe(
      true,
    );
    expect(dns1123SubdomainSchema.safeParse('payments..api').success).toBe(
      false,
    );
    expect(dns1123SubdomainSchema.safeParse('Payments').success).toBe(false);
  });
});

describe('label keys and values', () => {
  it.each([
    'app',
    'app.kubernetes.io/name',
    'backstage.io/kubernetes-id',
    'A_b.c-D',
  ])('accepts the key %s', key => expect(isQualifiedName(key)).toBe(true));

  it.each([
    '',
    '/name',
    'Bad_Prefix/name',
    'app/',
    'a/b/c',
    '-a',
    'x'.repeat(64),
  ])('rejects the key %j', key => expect(isQualifiedName(key)).toBe(false));

  it('accepts empty values and rejects values Kubernetes rejects', () => {
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('v1.2_3-rc')).toBe(true);
    expect(isLabelValue('-v')).toBe(false);
    expect(isLabelValue('a b')).toBe(false);
    expect(isLabelValue('x'.repeat(64))).toBe(false);
  });
});

describe('entity references', () => {
  it.each([
    'payments-team',
    'group:payments-team',
    'group:default/payments-team',
  ])('accepts %s', ref =>
    expect(entityRefSchema.safeParse(ref).success).toBe(true),
  );

  it.each(['', 'group:', 'group:default/', 'a b', 'group:default/team/extra'])(
    'rejects %j',
    ref => expect(entityRefSchema.safeParse(ref).success).toBe(false),
  );
});
