import {
  ReadinessContext,
  factEvidence,
  neighboursOf,
  result,
} from '../context';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

/**
 * configuration.secrets: no literal value under a secret-looking env name (PASSWORD,
 * TOKEN, API_KEY…). Only names are read and shown, never values; nothing of a Secret is
 * read.
 */
export function checkConfigurationSecrets(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'configuration.secrets',
      component: 'configuration',
      title: 'No credentials written into the manifest',
    },
    w => {
      const literal = w.containers.flatMap(c =>
        c.literalSecretEnv.map(n => `${c.name}: ${n}`),
      );
      if (literal.length) {
        return {
          status: 'fail',
          evidence: [
            factEvidence(
              w,
              w.kind,
              `Literal values under secret-looking names: ${literal.join(
                ', ',
              )}.`,
            ),
          ],
        };
      }
      return {
        status: 'pass',
        evidence: [
          factEvidence(
            w,
            w.kind,
            `${w.configMaps.length} ConfigMap and ${w.secretRefs} Secret reference(s); no literal credential.`,
          ),
        ],
      };
    },
    {
      pass: 'Configuration comes from ConfigMaps and Secret references, not literal credentials.',
      warn: 'No literal credential, but a workload could not be read completely.',
      fail: 'A credential is written into the manifest as a literal env value.',
    },
    {
      text: 'Move the value into a Secret and reference it with valueFrom.secretKeyRef.',
    },
  );
}

/** configuration.configMaps: every ConfigMap the pods need (not optional) exists. */
export function checkConfigurationConfigMaps(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const head = {
    id: 'configuration.configMaps',
    component: 'configuration',
    title: 'Referenced ConfigMaps exist',
  } as const;
  if (
    ctx.workloads.length > 0 &&
    ctx.workloads.every(w => w.configMaps.length === 0 && !w.problems?.length)
  ) {
    return result(head, 'notApplicable', 'Its pods reference no ConfigMap.', [
      {
        note: 'Looked for configMapRef, configMapKeyRef and configMap volumes; found none.',
      },
    ]);
  }
  return perWorkload(
    ctx,
    head,
    w => {
      if (w.configMaps.length === 0)
        return { status: 'notApplicable', evidence: [] };
      const present = new Set(
        neighboursOf(ctx, w, 'configMap').map(c => c.name),
      );
      const missing = w.configMaps.filter(n => !present.has(n));
      return missing.length
        ? {
            status: 'fail',
            evidence: [
              factEvidence(
                w,
                w.kind,
                `References ConfigMap(s) missing from ${
                  w.namespace
                }: ${missing.join(', ')}.`,
              ),
            ],
          }
        : {
            status: 'pass',
            evidence: w.configMaps.map(n => ({
              cluster: w.cluster,
              kind: 'ConfigMap',
              namespace: w.namespace,
              name: n,
              note: `Referenced by ${w.kind} ${w.name}; exists.`,
            })),
          };
    },
    {
      pass: 'Every ConfigMap its pods reference exists.',
      warn: 'Its ConfigMaps exist, but a workload could not be read completely.',
      fail: 'A ConfigMap its pods need is missing: they will not start.',
      notApplicable: 'Its pods reference no ConfigMap.',
    },
    { text: 'Create the missing ConfigMap, or mark the reference optional.' },
  );
}
