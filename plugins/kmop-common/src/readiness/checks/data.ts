import {
  ReadinessContext,
  factEvidence,
  neighboursOf,
  result,
} from '../context';
import type { ReadinessCheckResult, ReadinessEvidence } from '../types';

const HEAD = {
  id: 'data.volumes',
  component: 'data',
  title: 'State is kept on bound volumes',
} as const;

/**
 * data.volumes: a stateless service (no StatefulSet, no claim mounted) makes it not
 * applicable. A stateful one passes when its StatefulSet has volumeClaimTemplates and the
 * claims it mounts exist and are Bound.
 */
export function checkDataVolumes(ctx: ReadinessContext): ReadinessCheckResult {
  const stateful = ctx.workloads.filter(
    w => w.kind === 'StatefulSet' || w.claims.length > 0,
  );
  if (stateful.length === 0) {
    if (ctx.workloads.length === 0) {
      return result(
        HEAD,
        'notApplicable',
        'Nothing runs, so nothing keeps data.',
        [
          {
            note: `Looked for StatefulSets and claims of ${ctx.lookedFor}; found none.`,
          },
        ],
      );
    }
    return result(
      HEAD,
      'notApplicable',
      'Stateless: no StatefulSet and no PersistentVolumeClaim mounted.',
      [
        {
          note: 'Looked for StatefulSets and persistentVolumeClaim volumes; found none.',
        },
      ],
    );
  }
  const evidence: ReadinessEvidence[] = [];
  let status: 'pass' | 'warn' | 'fail' = 'pass';
  for (const w of stateful) {
    if (
      w.kind === 'StatefulSet' &&
      w.claimTemplates === 0 &&
      w.claims.length === 0
    ) {
      status = status === 'fail' ? status : 'warn';
      evidence.push(
        factEvidence(
          w,
          w.kind,
          'A StatefulSet without volumeClaimTemplates: its data lives in the pod.',
        ),
      );
    } else if (w.kind === 'StatefulSet') {
      evidence.push(
        factEvidence(w, w.kind, `${w.claimTemplates} volumeClaimTemplate(s).`),
      );
    }
    const claims = neighboursOf(ctx, w, 'claim');
    for (const name of w.claims) {
      const claim = claims.find(c => c.name === name);
      if (!claim) {
        status = 'fail';
        evidence.push({
          cluster: w.cluster,
          kind: 'PersistentVolumeClaim',
          namespace: w.namespace,
          name,
          note: `Mounted by ${w.kind} ${w.name}; not found.`,
        });
      } else if (claim.phase !== 'Bound') {
        status = 'fail';
        evidence.push(
          factEvidence(
            claim,
            'PersistentVolumeClaim',
            `Phase ${claim.phase ?? 'not reported'}, not Bound.`,
          ),
        );
      } else {
        evidence.push(factEvidence(claim, 'PersistentVolumeClaim', 'Bound.'));
      }
    }
    if (w.problems?.length && status === 'pass') status = 'warn';
  }
  return result(
    HEAD,
    status,
    {
      pass: 'Its data is on bound persistent volumes.',
      warn: 'Its data may be lost with a pod.',
      fail: 'A volume it needs is missing or not bound.',
    }[status],
    evidence,
    {
      text: 'Give the StatefulSet volumeClaimTemplates, and check the claims and their StorageClass.',
    },
  );
}
