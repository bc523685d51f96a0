import { KubeObject, ResourceType, isObject, resourceKey } from '../types';

/**
 * The few per-kind rules of the upstream registry strategies that clients notice:
 * namespaces are Active and carry their name label, Secrets fold `stringData` into
 * base64 `data`, Services and Pods get their default type and phase.
 */
export function applyDefaults(
  type: ResourceType,
  obj: KubeObject,
  creating: boolean,
) {
  switch (resourceKey(type)) {
    case '/namespaces':
      obj.metadata.labels = {
        ...obj.metadata.labels,
        'kubernetes.io/metadata.name': obj.metadata.name as string,
      };
      if (creating) {
        obj.spec = isObject(obj.spec)
          ? obj.spec
          : { finalizers: ['kubernetes'] };
        obj.status = isObject(obj.status) ? obj.status : { phase: 'Active' };
      }
      break;
    case '/secrets':
      foldStringData(obj);
      break;
    case '/services':
      if (isObject(obj.spec) && obj.spec.type === undefined) {
        obj.spec.type = 'ClusterIP';
      }
      break;
    case '/pods':
      if (creating && !isObject(obj.status)) {
        obj.status = { phase: 'Pending' };
      }
      break;
    default:
      break;
  }
}

function foldStringData(secret: KubeObject) {
  if (secret.type === undefined) {
    secret.type = 'Opaque';
  }
  if (!isObject(secret.stringData)) {
    delete secret.stringData;
    return;
  }
  const data: Record<string, unknown> = isObject(secret.data)
    ? { ...secret.data }
    : {};
  for (const [key, value] of Object.entries(secret.stringData)) {
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  secret.data = data;
  delete secret.stringData;
}
