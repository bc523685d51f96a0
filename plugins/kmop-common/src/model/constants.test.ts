import {
  KMOP_API_VERSION,
  KMOP_GROUP,
  KMOP_KIND_NAMES,
  KMOP_KINDS,
  isKmopKind,
} from './constants';

describe('KMOP kinds', () => {
  it('lives in kmop.dev/v1alpha1', () => {
    expect(KMOP_GROUP).toBe('kmop.dev');
    expect(KMOP_API_VERSION).toBe('kmop.dev/v1alpha1');
  });

  it('recognises only KMOP kinds of the KMOP API version', () => {
    expect(isKmopKind('kmop.dev/v1alpha1', 'GatewayRoute')).toBe(true);
    expect(isKmopKind('kmop.dev/v1beta1', 'GatewayRoute')).toBe(false);
    expect(isKmopKind('pyrra.dev/v1alpha1', 'ServiceLevelObjective')).toBe(
      false,
    );
    expect(isKmopKind('kmop.dev/v1alpha1', 'Deployment')).toBe(false);
    expect(isKmopKind('kmop.dev/v1alpha1', 'toString')).toBe(false);
    expect(isKmopKind(undefined, undefined)).toBe(false);
  });

  it('lists every kind once, with lower-case plural and singular names', () => {
    expect(KMOP_KIND_NAMES).toEqual(Object.keys(KMOP_KINDS));
    for (const kind of KMOP_KIND_NAMES) {
      const info = KMOP_KINDS[kind];
      expect(info.singular).toBe(kind.toLowerCase());
      expect(info.plural.startsWith(kind.toLowerCase().slice(0, -1))).toBe(
        true,
      );
    }
  });

  it('uses short names that do not clash with each other or with ecosystem CRDs', () => {
    const shortNames = KMOP_KIND_NAMES.flatMap(
      kind => KMOP_KINDS[kind].shortNames,
    );
    expect(new Set(shortNames).size).toBe(shortNames.length);
    // Pyrra (slo), Sloth (psl, pslo), Argo Rollouts (ro), Flagger (canary), Istio (vs, dr),
    // Gateway API has none, core (svc, deploy, hpa, pdb, sts).
    const taken = [
      'slo',
      'psl',
      'pslo',
      'ro',
      'vs',
      'dr',
      'svc',
      'deploy',
      'hpa',
      'pdb',
      'sts',
    ];
    for (const name of shortNames) {
      expect(taken).not.toContain(name);
    }
  });

  it('gives every kind a Ready column from the operator’s Ready condition', () => {
    for (const kind of KMOP_KIND_NAMES) {
      expect(KMOP_KINDS[kind].printerColumns).toContainEqual(
        expect.objectContaining({
          name: 'Ready',
          jsonPath: '.status.conditions[?(@.type=="Ready")].status',
        }),
      );
    }
  });

  it('ends every kind’s printer columns with Age', () => {
    for (const kind of KMOP_KIND_NAMES) {
      const columns = KMOP_KINDS[kind].printerColumns;
      expect(columns[columns.length - 1]).toMatchObject({
        name: 'Age',
        type: 'date',
      });
    }
  });
});
