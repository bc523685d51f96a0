import { checkCommunicationMesh } from './checks/communication';
import {
  checkConfigurationConfigMaps,
  checkConfigurationSecrets,
} from './checks/configuration';
import {
  checkContainerImage,
  checkContainerNonRoot,
  checkContainerResources,
} from './checks/containerization';
import { checkDataVolumes } from './checks/data';
import { checkDeliveryProgressive } from './checks/delivery';
import { checkDiscoveryService } from './checks/discovery';
import { checkGatewayRoute } from './checks/gateway';
import { checkLoadBalancing } from './checks/loadBalancing';
import { checkMonitoringScrape, checkMonitoringSlo } from './checks/monitoring';
import {
  checkOrchestrationReplicas,
  checkOrchestrationSpread,
} from './checks/orchestration';
import {
  checkResilienceAutoscaling,
  checkResilienceDisruptionBudget,
  checkResilienceProbes,
  checkResilienceTraffic,
} from './checks/resilience';
import {
  checkSecurityNetworkPolicy,
  checkSecurityRouteAuth,
} from './checks/security';
import { ReadinessCheck, ReadinessInput, createContext } from './context';
import { KmopReadiness, ReadinessStatus } from './types';

/**
 * Every check, in the order of the twelve components.
 *
 * @public
 */
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  checkDiscoveryService,
  checkGatewayRoute,
  checkLoadBalancing,
  checkConfigurationSecrets,
  checkConfigurationConfigMaps,
  checkCommunicationMesh,
  checkMonitoringScrape,
  checkMonitoringSlo,
  checkContainerImage,
  checkContainerResources,
  checkContainerNonRoot,
  checkDeliveryProgressive,
  checkSecurityNetworkPolicy,
  checkSecurityRouteAuth,
  checkDataVolumes,
  checkResilienceProbes,
  checkResilienceDisruptionBudget,
  checkResilienceAutoscaling,
  checkResilienceTraffic,
  checkOrchestrationReplicas,
  checkOrchestrationSpread,
];

/**
 * A service's readiness: every check over its view items and facts. Pure; never throws.
 *
 * @public
 */
export function computeReadiness(input: ReadinessInput): KmopReadiness {
  const ctx = createContext(input);
  const checks = READINESS_CHECKS.map(check => check(ctx));
  const counts: Record<ReadinessStatus, number> = {
    pass: 0,
    warn: 0,
    fail: 0,
    notApplicable: 0,
  };
  for (const c of checks) counts[c.status]++;
  const applicable = counts.pass + counts.warn + counts.fail;
  return {
    checks,
    counts,
    ...(applicable
      ? { score: (counts.pass + counts.warn / 2) / applicable }
      : {}),
    workloads: ctx.workloads.length,
  };
}
