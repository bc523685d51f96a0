import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Annotate the only Component in catalog-info.yaml with its KMOP service name.',
    example: yaml.stringify({
      steps: [
        {
          id: 'annotate',
          action: 'kmop:catalog:annotate',
          name: 'Link the entity to its KMOP resources',
          input: {
            serviceName: 'payments',
          },
        },
      ],
    }),
  },
  {
    description:
      'Annotate one Component of a multi-document file, with the Kubernetes id and namespace as well.',
    example: yaml.stringify({
      steps: [
        {
          id: 'annotate',
          action: 'kmop:catalog:annotate',
          name: 'Link the entity to its KMOP resources',
          input: {
            path: 'catalog/catalog-info.yaml',
            entityName: 'payments-api',
            serviceName: 'payments',
            kubernetesId: 'payments',
            namespace: 'payments',
          },
        },
      ],
    }),
  },
];
