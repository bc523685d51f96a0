import { ReadinessContext, factEvidence, itemEvidence } from '../context';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

const MESH_KINDS = new Set(['DestinationRule', 'VirtualService']);

/**
 * communication.mesh: calls between services go through a mesh (a sidecar asked for on
 * the pod template, or Istio routing for the service), which gives mTLS, retries and
 * telemetry without code. Without one it is a warning: plain Service calls work.
 */
export function checkCommunicationMesh(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  const meshItems = [...ctx.items.resilience, ...ctx.items.routes].filter(i =>
    MESH_KINDS.has(i.source.kind),
  );
  return perWorkload(
    ctx,
    {
      id: 'communication.mesh',
      component: 'communication',
      title: 'Calls go through a service mesh',
    },
    w => {
      if (w.mesh) {
        return {
          status: 'pass',
          evidence: [
            factEvidence(
              w,
              w.kind,
              'Its pod template asks for a mesh sidecar.',
            ),
          ],
        };
      }
      const here = meshItems.filter(i => i.source.cluster === w.cluster);
      if (here.length) {
        return {
          status: 'pass',
          evidence: here.map(i =>
            itemEvidence(i, 'Istio routing for this service.'),
          ),
        };
      }
      return {
        status: 'warn',
        evidence: [
          factEvidence(
            w,
            w.kind,
            'No sidecar injection (sidecar.istio.io/inject, istio.io/rev, linkerd.io/inject) and no Istio DestinationRule or VirtualService.',
          ),
        ],
      };
    },
    {
      pass: 'Calls to it go through the mesh.',
      warn: 'Calls to it are plain Service calls: no mTLS, no mesh retries or telemetry.',
      fail: 'Nothing of this service runs.',
    },
    {
      text: 'Label the namespace or pod template for sidecar injection, or add a ResiliencePolicy compiled to Istio.',
      template: 'resilience',
    },
  );
}
