import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Wait until the KMOP entity provider has made the new service a Component, so the output link opens its page.',
    example: yaml.stringify({
      steps: [
        {
          id: 'wait',
          action: 'kmop:catalog:wait',
          name: 'Wait for the catalog',
          input: { entityRef: 'component:default/ledger', timeout: '60s' },
        },
      ],
    }),
  },
];
