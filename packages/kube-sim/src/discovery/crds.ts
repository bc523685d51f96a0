import { ruleCompileErrors } from '../admission';
import { ApiError } from '../errors';
import { ResourceRegistry, compareKubeVersions } from './registry';
import {
  JsonObject,
  KubeObject,
  ResourceType,
  isObject,
  resourceKey,
} from '../types';

/** The `apiextensions.k8s.io/v1` CustomResourceDefinition resource type's key. */
export const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions';

const CRD_NAMES = {
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
};

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  status: boolean;
}

interface CrdNames {
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

type Cause = { field: string; message: string };

function readNames(spec: Record<string, unknown>, causes: Cause[]): CrdNames {
  const names = isObject(spec.names) ? spec.names : {};
  const plural = typeof names.plural === 'string' ? names.plural : '';
  const kind = typeof names.kind === 'string' ? names.kind : '';
  if (!DNS_LABEL.test(plural)) {
    causes.push({
      field: 'spec.names.plural',
      message: `Invalid value: "${plural}": a lowercase RFC 1123 label is required`,
    });
  }
  if (!KIND.test(kind)) {
    causes.push({
      field: 'spec.names.kind',
      message: `Required value: a kind is required, e.g. "${'MyKind'}"`,
    });
  }
  const singular =
    typeof names.singular === 'string' && names.singular
      ? names.singular
      : kind.toLowerCase();
  if (singular && !DNS_LABEL.test(singular)) {
    causes.push({
      field: 'spec.names.singular',
      message: `Invalid value: "${singular}": a lowercase RFC 1123 label is required`,
    });
  }
  const shortNames = stringList(names.shortNames);
  shortNames.forEach((s, i) => {
    if (!DNS_LABEL.test(s)) {
      causes.push({
        field: `spec.names.shortNames[${i}]`,
        message: `Invalid value: "${s}": a lowercase RFC 1123 label is required`,
      });
    }
  });
  return {
    kind,
    listKind:
      typeof names.listKind === 'string' && names.listKind
        ? names.listKind
        : `${kind}List`,
    plural,
    singular,
    shortNames,
    categories: stringList(names.categories),
  };
}

function readVersions(
  spec: Record<string, unknown>,
  causes: Cause[],
): CrdVersion[] {
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    causes.push({
      field: 'spec.versions',
      message:
        'Invalid value: must have exactly one version marked as storage version',
    });
    return [];
  }
  const versions = spec.versions.map((raw, i): CrdVersion => {
    const v = isObject(raw) ? raw : {};
    const name = typeof v.name === 'string' ? v.name : '';
    if (!DNS_LABEL.test(name)) {
      causes.push({
        field: `spec.versions[${i}].name`,
        message: `Invalid value: "${name}": a DNS-1035 label is required`,
      });
    }
    const schema = isObject(v.schema) ? v.schema.openAPIV3Schema : undefined;
    if (!isObject(schema)) {
      causes.push({
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
        message: 'Required value: schemas are required',
      });
    } else {
      causes.push(
        ...ruleCompileErrors(
          schema,
          `spec.versions[${i}].schema.openAPIV3Schema`,
        ),
      );
    }
    const subresources = isObject(v.subresources) ? v.subresources : {};
    return {
      name,
      served: v.served === true,
      storage: v.storage === true,
      status: isObject(subresources.status),
    };
  });
  if (versions.filter(v => v.storage).length !== 1) {
    causes.push({
      field: 'spec.versions',
      message:
        'Invalid value: must have exactly one version marked as storage version',
    });
  }
  return versions;
}

/**
 * Validates a CRD the way the apiextensions API server does for the fields the simulator
 * relies on, and returns the resource it defines. Throws 422 Invalid naming each field.
 */
export function resourceTypeFromCrd(
  crd: KubeObject,
  registry?: ResourceRegistry,
): ResourceType {
  const spec = isObject(crd.spec) ? crd.spec : {};
  const name = crd.metadata.name ?? '';
  const causes: Cause[] = [];
  const group = typeof spec.group === 'string' ? spec.group : '';
  if (!group.includes('.')) {
    causes.push({
      field: 'spec.group',
      message: `Invalid value: "${group}": should be a domain with at least one dot`,
    });
  }
  const names = readNames(spec, causes);
  if (name !== `${names.plural}.${group}`) {
    causes.push({
      field: 'metadata.name',
      message: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group`,
    });
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    causes.push({
      field: 'spec.scope',
      message: `Unsupported value: "${String(
        spec.scope ?? '',
      )}": supported values: "Cluster", "Namespaced"`,
    });
  }
  const versions = readVersions(spec, causes);
  const existing = registry?.findByKey(`${group}/${names.plural}`);
  if (existing && existing.crdName !== name) {
    causes.push({
      field: 'spec.names.plural',
      message: `Invalid value: "${names.plural}": the resource ${names.plural}.${group} is already served`,
    });
  }
  if (causes.length > 0) {
    throw ApiError.invalid(CRD_NAMES, name, causes);
  }
  const storage = versions.find(v => v.storage) as CrdVersion;
  return {
    group,
    versions: versions
      .filter(v => v.served)
      .map(v => v.name)
      .sort(compareKubeVersions),
    storageVersion: storage.name,
    kind: names.kind,
    listKind: names.listKind,
    plural: names.plural,
    singular: names.singular,
    shortNames: names.shortNames,
    categories: names.categories,
    namespaced: spec.scope === 'Namespaced',
    statusSubresource: storage.status,
    hasGeneration: true,
    returnDeletedObject: true,
    crdName: name,
  };
}

/** The status the apiextensions controllers write once a CRD's names are accepted. */
export function establishedStatus(type: ResourceType, now: string): JsonObject {
  const condition = (
    kind: string,
    reason: string,
    message: string,
  ): JsonObject => ({
    type: kind,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition(
        'Established',
        'InitialNamesAccepted',
        'the initial names have been accepted',
      ),
    ],
    acceptedNames: {
      plural: type.plural,
      singular: type.singular,
      ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
      kind: type.kind,
      listKind: type.listKind,
      ...(type.categories.length ? { categories: type.categories } : {}),
    },
    storedVersions: [type.storageVersion],
  };
}

export function isCrd(type: ResourceType) {
  return resourceKey(type) === CRD_KEY;
}
