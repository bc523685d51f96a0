// Type-only import: zod-to-json-schema is a devDependency, so the caller (the generator script
// or a test) passes the function in and nothing of it is bundled with this package.
import type { PostProcessCallback, zodToJsonSchema } from 'zod-to-json-schema';
import {
  KMOP_GROUP,
  KMOP_KIND_NAMES,
  KMOP_KINDS,
  KMOP_VERSION,
  KmopKind,
  KmopPrinterColumn,
} from '../model/constants';
import { kmopResourceSchemas } from '../model/resource';
import {
  CrdAnnotations,
  crdAnnotationsOf,
  mergeCrdAnnotations,
} from '../model/shared/crdAnnotations';
import {
  ANNOTATIONS_KEY,
  StructuralSchema,
  toStructuralSchema,
  withoutNotes,
} from './structuralSchema';

/** The `zodToJsonSchema` function of the zod-to-json-schema package. */
export type ZodToJsonSchema = typeof zodToJsonSchema;

/** An `apiextensions.k8s.io/v1` CustomResourceDefinition for one KMOP kind. */
export interface KmopCustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    group: string;
    names: {
      kind: KmopKind;
      listKind: string;
      plural: string;
      singular: string;
      shortNames: string[];
      categories: string[];
    };
    scope: 'Namespaced';
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      schema: { openAPIV3Schema: StructuralSchema };
      subresources: { status: Record<string, never> };
      additionalPrinterColumns: KmopPrinterColumn[];
    }[];
  };
}

// The annotations already carried by a JSON schema this hook returned. A node refined twice
// (a rule on an annotated list) is two ZodEffects around one schema: zod-to-json-schema hands
// the outer one the inner one's result, whose annotations are merged, not replaced.
const carried = new WeakMap<object, CrdAnnotations>();

// Carries the CRD annotations of each zod node into the JSON schema, where
// toStructuralSchema turns them into Kubernetes extensions.
const carryAnnotations: PostProcessCallback = (jsonSchema, def) => {
  const annotations = crdAnnotationsOf(def);
  if (!jsonSchema || !annotations) {
    return jsonSchema;
  }
  const merged = mergeCrdAnnotations(carried.get(jsonSchema), annotations);
  const result = { ...jsonSchema, [ANNOTATIONS_KEY]: merged };
  carried.set(result, merged);
  return result;
};

/**
 * The zod-to-json-schema options the CRDs are generated with: OpenAPI 3, everything inlined
 * (structural schemas have no `$ref`), refinements described by the schema they refine, and
 * the CRD annotations carried along.
 */
export const KMOP_JSON_SCHEMA_OPTIONS = {
  target: 'openApi3',
  $refStrategy: 'none',
  effectStrategy: 'input',
  postProcess: carryAnnotations,
} as const;

/**
 * The structural schema of a kind, with the rules in words (`x-kmop-notes`) the reference docs
 * list. The root follows what the API server requires: `apiVersion` and `kind` plain strings,
 * `metadata` a bare object (its fields are the API server's to check).
 */
export function kmopKindSchema(
  kind: KmopKind,
  toJsonSchema: ZodToJsonSchema,
): StructuralSchema {
  const converted = toStructuralSchema(
    toJsonSchema(kmopResourceSchemas[kind], KMOP_JSON_SCHEMA_OPTIONS),
  );
  const { spec, status } = converted.properties ?? {};
  if (!spec || !status) {
    throw new Error(`The ${kind} schema has no spec or status`);
  }
  return {
    description: converted.description,
    type: 'object',
    properties: {
      apiVersion: {
        description:
          'APIVersion defines the versioned schema of this representation of an object.',
        type: 'string',
      },
      kind: {
        description:
          'Kind is a string value representing the REST resource this object represents.',
        type: 'string',
      },
      metadata: { type: 'object' },
      spec,
      status,
    },
    required: ['spec'],
  };
}

/** The CustomResourceDefinition of a kind. */
export function kmopCrd(
  kind: KmopKind,
  toJsonSchema: ZodToJsonSchema,
): KmopCustomResourceDefinition {
  const info = KMOP_KINDS[kind];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${info.plural}.${KMOP_GROUP}`,
      labels: { 'app.kubernetes.io/part-of': 'kmop' },
    },
    spec: {
      group: KMOP_GROUP,
      names: {
        kind,
        listKind: `${kind}List`,
        plural: info.plural,
        singular: info.singular,
        shortNames: [...info.shortNames],
        categories: ['kmop'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: KMOP_VERSION,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: withoutNotes(kmopKindSchema(kind, toJsonSchema)),
          },
          subresources: { status: {} },
          additionalPrinterColumns: info.printerColumns.map(column => ({
            ...column,
          })),
        },
      ],
    },
  };
}

/** The CustomResourceDefinitions of every KMOP kind, in documentation order. */
export function generateKmopCrds(
  toJsonSchema: ZodToJsonSchema,
): KmopCustomResourceDefinition[] {
  return KMOP_KIND_NAMES.map(kind => kmopCrd(kind, toJsonSchema));
}

/** The file a kind's CRD is committed as, under `plugins/kmop-common/crds/`. */
export function kmopCrdFileName(kind: KmopKind): string {
  return `${KMOP_KINDS[kind].plural}.${KMOP_GROUP}.yaml`;
}
