import { KubeObject, isObject } from '../../types';

/**
 * The demo's release train: the pod template of the next release, with the patch version
 * of the first container's image one higher (`checkout:2.8.0` → `checkout:2.8.1`), as a
 * CI system would publish it. Undefined when the image has no `x.y.z` tag: such a
 * Rollout simply stays Healthy.
 */
export function nextRelease(
  rollout: KubeObject,
): Record<string, unknown> | undefined {
  const spec = isObject(rollout.spec) ? rollout.spec : {};
  if (!isObject(spec.template)) return undefined;
  const template = JSON.parse(JSON.stringify(spec.template));
  const containers = isObject(template.spec) ? template.spec.containers : [];
  const first = Array.isArray(containers) ? containers[0] : undefined;
  const match =
    isObject(first) && typeof first.image === 'string'
      ? /^(.*:v?\d+\.\d+\.)(\d+)$/.exec(first.image)
      : null;
  if (!isObject(first) || !match) return undefined;
  first.image = `${match[1]}${Number(match[2]) + 1}`;
  return template;
}
