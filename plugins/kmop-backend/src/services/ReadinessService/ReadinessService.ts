import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  KmopClusterStatus,
  KmopEntityTarget,
  KmopOrgPage,
  KmopOrgQuery,
  KmopReadiness,
} from '@kmop/plugin-kmop-common';

/** One entity's readiness, as the REST API and the action give it. */
export interface KmopEntityReadiness {
  entityRef: string;
  target: KmopEntityTarget;
  readiness: KmopReadiness;
  clusters: KmopClusterStatus[];
  generatedAt: string;
}

/** Readiness of one entity, and of every service a caller may see. */
export interface ReadinessService {
  getEntityReadiness(
    entityRef: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<KmopEntityReadiness>;
  /** The organisation view: only entities the caller may see and whose KMOP view they may read. */
  listServices(
    query: KmopOrgQuery,
    credentials: BackstageCredentials,
  ): Promise<KmopOrgPage>;
}
