import type { KmopRouteView } from '@kmop/plugin-kmop-common';
import { SectionCard } from '../shared/SectionCard';
import { RouteItem } from './RouteItem';

export function RoutesSection(props: { routes: KmopRouteView[] }) {
  return (
    <SectionCard
      title="Gateway routes"
      count={props.routes.length}
      empty="No gateway route found. Add a KMOP GatewayRoute with spec.serviceRef set to this service, or label an HTTPRoute, GRPCRoute, Ingress or Istio VirtualService for it."
    >
      {props.routes.map(route => (
        <RouteItem key={route.id} route={route} />
      ))}
    </SectionCard>
  );
}
