import {
  ExtensionBlueprint,
  OverridableExtensionDefinition,
} from '@backstage/frontend-plugin-api';

/**
 * What `TBlueprint.make` gives for an extension named `TName` (undefined: the blueprint's
 * default extension).
 *
 * KMOP's extensions are declared with it rather than inferred: an inferred type is spelled out
 * in full in the type declarations, its unions (an entity tab's content groups, a card's types,
 * the output data) in whichever order TypeScript met their members in that build, so the API
 * report changed with each fresh build. This name is kept as written.
 *
 * @alpha
 */
export type KmopExtensionDefinition<
  TBlueprint,
  TName extends string | undefined,
> = TBlueprint extends ExtensionBlueprint<infer T>
  ? OverridableExtensionDefinition<{
      kind: T['kind'];
      name: TName;
      config: T['config'];
      configInput: T['configInput'];
      output: T['output'];
      inputs: T['inputs'];
      params: T['params'];
    }>
  : never;
