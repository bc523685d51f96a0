import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [{ id: 'apply', action: 'kmop:manifests:apply', name, input }],
  });

export const examples: TemplateExample[] = [
  {
    description: 'Apply the generated manifests to the cluster named "dev".',
    example: step('Apply to dev', { path: 'kmop', cluster: 'dev' }),
  },
  {
    description:
      'Check native manifests against a cluster without storing anything (server-side dry run).',
    example: step('Dry-run against dev', {
      path: 'deploy',
      cluster: 'dev',
      namespace: 'payments',
      dryRun: true,
    }),
  },
];
