import {
  AuditorServiceCreateEventOptions,
  ServiceFactory,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** One auditor event and how it ended. */
export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  meta?: JsonObject;
  /** Whether the event came with an HTTP request (the auditor then records who from it). */
  withRequest: boolean;
  outcome?: 'success' | 'fail';
  outcomeMeta?: JsonObject;
  error?: string;
}

/** An auditor service that keeps every event, for tests. */
export class AuditRecorder {
  readonly events: RecordedAuditEvent[] = [];

  factory(): ServiceFactory {
    const events = this.events;
    return createServiceFactory({
      service: coreServices.auditor,
      deps: {},
      factory: () => ({
        async createEvent(options: AuditorServiceCreateEventOptions) {
          const event: RecordedAuditEvent = {
            eventId: options.eventId,
            severityLevel: options.severityLevel,
            meta: options.meta,
            withRequest: options.request !== undefined,
          };
          events.push(event);
          return {
            async success(o?: { meta?: JsonObject }) {
              event.outcome = 'success';
              event.outcomeMeta = o?.meta;
            },
            async fail(o: { meta?: JsonObject; error: Error }) {
              event.outcome = 'fail';
              event.outcomeMeta = o.meta;
              event.error = `${o.error.name}: ${o.error.message}`;
            },
          };
        },
      }),
    });
  }
}
