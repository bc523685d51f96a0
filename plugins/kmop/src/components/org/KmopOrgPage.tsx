import { Content, Header, Page } from '@backstage/core-components';
import { OrgServicesView } from './OrgServicesView';

/**
 * The KMOP page of the organisation (`/kmop`): every service a person may see, with its
 * readiness, SLO budget and rollout state, and what is rolling out and burning now.
 *
 * @public
 */
export function KmopOrgPage() {
  return (
    <Page themeId="tool">
      <Header
        title="KMOP"
        subtitle="Every service's readiness, SLO budgets and rollouts"
      />
      <Content>
        <OrgServicesView />
      </Content>
    </Page>
  );
}
