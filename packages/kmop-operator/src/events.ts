import { KubeClient, describeError } from './kube';
import { Logger } from './log';
import { KubeObject } from './types';

/** Posts Kubernetes Events about kmop.dev objects, as `kubectl describe` shows them. */
export class EventRecorder {
  private readonly client: KubeClient;
  private readonly log: Logger;
  private readonly identity: string;

  constructor(options: { client: KubeClient; log: Logger; identity: string }) {
    this.client = options.client;
    this.log = options.log;
    this.identity = options.identity;
  }

  /** Records an event; a failure is logged, never thrown: events are best effort. */
  async record(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): Promise<void> {
    // The client's serializer writes Date objects as RFC 3339 timestamps.
    const now = new Date();
    const namespace = object.metadata.namespace ?? 'default';
    try {
      await this.client.createEvent(namespace, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { generateName: `${object.metadata.name}.`, namespace },
        involvedObject: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name: object.metadata.name,
          namespace,
          uid: object.metadata.uid,
          resourceVersion: object.metadata.resourceVersion,
        },
        type,
        reason,
        message: message.slice(0, 1024),
        source: { component: 'kmop-operator' },
        reportingComponent: 'kmop-operator',
        reportingInstance: this.identity,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      });
    } catch (e) {
      this.log.debug('event not recorded', {
        reason,
        object: `${object.kind}/${namespace}/${object.metadata.name}`,
        error: describeError(e),
      });
    }
  }
}
