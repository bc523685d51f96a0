import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ScaffolderActionsExtensionPoint,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleKmop } from './module';

describe('scaffolderModuleKmop', () => {
  it('registers the five KMOP actions', async () => {
    const added: string[] = [];
    const extensionPoint: Partial<ScaffolderActionsExtensionPoint> = {
      addActions: (...actions) => {
        added.push(...actions.map(a => a.id));
      },
    };
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, extensionPoint]],
      features: [
        scaffolderModuleKmop,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(added).toEqual([
      'kmop:manifests:generate',
      'kmop:manifests:validate',
      'kmop:catalog:annotate',
      'kmop:manifests:apply',
      'kmop:catalog:wait',
    ]);
  });
});
