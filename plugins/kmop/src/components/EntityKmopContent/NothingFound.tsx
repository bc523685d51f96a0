import { EmptyState, LinkButton } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { KmopEntityView } from '@kmop/plugin-kmop-common';
import Typography from '@material-ui/core/Typography';

/** Default of `kmop.ui.goldenPathUrl`. */
export const DEFAULT_GOLDEN_PATH_URL =
  '/create/templates/default/kmop-microservice';

/** No item in any cluster: says what was looked for and how to link resources to the entity. */
export function NothingFound(props: { view: KmopEntityView }) {
  const { target } = props.view;
  const configApi = useApi(configApiRef);
  const goldenPathUrl =
    configApi.getOptionalString('kmop.ui.goldenPathUrl') ??
    DEFAULT_GOLDEN_PATH_URL;
  const lookedFor = [
    target.serviceName && `KMOP service name "${target.serviceName}"`,
    target.labelSelector && `label selector "${target.labelSelector}"`,
    target.namespace && `namespace "${target.namespace}"`,
    target.cluster && `cluster "${target.cluster}"`,
  ].filter(Boolean);
  return (
    <EmptyState
      missing="data"
      title="No KMOP resources found for this entity"
      description={
        <>
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            KMOP looked in {props.view.clusters.length} cluster
            {props.view.clusters.length === 1 ? '' : 's'} for{' '}
            {lookedFor.length > 0 ? lookedFor.join(', ') : 'nothing'} and found
            no gateway route, SLO, rollout or resilience policy.
          </Typography>
          <Typography
            variant="body1"
            component="span"
            display="block"
            paragraph
          >
            Link resources with the annotation{' '}
            <code>kmop.dev/service-name</code> (matched on{' '}
            <code>spec.serviceRef</code> of KMOP resources and the{' '}
            <code>app.kubernetes.io/name</code> label), or with Backstage's{' '}
            <code>backstage.io/kubernetes-id</code> or{' '}
            <code>backstage.io/kubernetes-label-selector</code>. The golden-path
            template creates a service with its KMOP resources already linked.
          </Typography>
        </>
      }
      action={
        <LinkButton to={goldenPathUrl} variant="contained" color="primary">
          Create a service with the golden path
        </LinkButton>
      }
    />
  );
}
