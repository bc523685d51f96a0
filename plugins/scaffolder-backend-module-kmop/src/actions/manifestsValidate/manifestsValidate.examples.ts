import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Validate everything the generate step wrote to kmop/.',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'kmop:manifests:validate',
          name: 'Validate the manifests',
          input: { path: 'kmop' },
        },
      ],
    }),
  },
  {
    description: 'Validate one file of native manifests.',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'kmop:manifests:validate',
          name: 'Validate the rollout',
          input: { path: 'deploy/rollout.yaml' },
        },
      ],
    }),
  },
];
