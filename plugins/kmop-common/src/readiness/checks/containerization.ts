import { ReadinessContext, factEvidence } from '../context';
import type { ReadinessCheckResult } from '../types';
import { perWorkload } from './perWorkload';

/**
 * The tag of an image reference, or undefined when it has none (a registry port is not a tag).
 *
 * @public
 */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  return colon >= 0 ? ref.slice(colon + 1) : undefined;
}

/** containerization.image: every image pinned by a tag other than `latest`, or a digest. */
export function checkContainerImage(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'containerization.image',
      component: 'containerization',
      title: 'Images are pinned',
    },
    w => {
      const bad = w.containers.filter(c => {
        if (!c.image) return true;
        if (c.image.includes('@sha256:')) return false;
        const tag = imageTag(c.image);
        return tag === undefined || tag === 'latest';
      });
      if (w.containers.length === 0) {
        return {
          status: 'fail',
          evidence: [factEvidence(w, w.kind, 'No container could be read.')],
        };
      }
      return bad.length
        ? {
            status: 'fail',
            evidence: bad.map(c =>
              factEvidence(
                w,
                w.kind,
                `Container ${c.name}: ${
                  c.image ? `image ${c.image} is not pinned` : 'no image'
                }.`,
              ),
            ),
          }
        : {
            status: 'pass',
            evidence: [
              factEvidence(
                w,
                w.kind,
                w.containers.map(c => c.image).join(', '),
              ),
            ],
          };
    },
    {
      pass: 'Every image is pinned by tag or digest.',
      warn: 'Images are pinned, but a workload could not be read completely.',
      fail: 'An image is not pinned (no tag, or latest): a restart can run different code.',
    },
    { text: 'Pin each image to a release tag or a digest (image@sha256:…).' },
  );
}

/** containerization.resources: CPU/memory requests and limits on every container. */
export function checkContainerResources(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'containerization.resources',
      component: 'containerization',
      title: 'Resources are set',
    },
    w => {
      if (w.containers.length === 0) {
        return {
          status: 'fail',
          evidence: [factEvidence(w, w.kind, 'No container could be read.')],
        };
      }
      const none = w.containers.filter(c => !c.requests);
      const noLimits = w.containers.filter(c => c.requests && !c.limits);
      if (none.length) {
        return {
          status: 'fail',
          evidence: [
            factEvidence(
              w,
              w.kind,
              `No resource requests: ${none.map(c => c.name).join(', ')}.`,
            ),
          ],
        };
      }
      if (noLimits.length) {
        return {
          status: 'warn',
          evidence: [
            factEvidence(
              w,
              w.kind,
              `Requests but no limits: ${noLimits
                .map(c => c.name)
                .join(', ')}.`,
            ),
          ],
        };
      }
      return {
        status: 'pass',
        evidence: [
          factEvidence(w, w.kind, 'Requests and limits on every container.'),
        ],
      };
    },
    {
      pass: 'Every container sets resource requests and limits.',
      warn: 'Requests are set, but not every container has limits.',
      fail: 'A container sets no resource requests: the scheduler cannot place it well.',
    },
    { text: 'Set resources.requests and resources.limits on each container.' },
  );
}

/** containerization.nonRoot: `runAsNonRoot: true` on every container (or its pod). */
export function checkContainerNonRoot(
  ctx: ReadinessContext,
): ReadinessCheckResult {
  return perWorkload(
    ctx,
    {
      id: 'containerization.nonRoot',
      component: 'containerization',
      title: 'Containers run as non-root',
    },
    w => {
      const root = w.containers.filter(c => !c.nonRoot);
      if (w.containers.length === 0) {
        return {
          status: 'fail',
          evidence: [factEvidence(w, w.kind, 'No container could be read.')],
        };
      }
      return root.length
        ? {
            status: 'warn',
            evidence: [
              factEvidence(
                w,
                w.kind,
                `May run as root: ${root.map(c => c.name).join(', ')}.`,
              ),
            ],
          }
        : {
            status: 'pass',
            evidence: [
              factEvidence(w, w.kind, 'runAsNonRoot on every container.'),
            ],
          };
    },
    {
      pass: 'Every container must run as a non-root user.',
      warn: 'A container may run as root.',
      fail: 'Its containers could not be read.',
    },
    {
      text: 'Set securityContext.runAsNonRoot: true on the pod or each container.',
    },
  );
}
