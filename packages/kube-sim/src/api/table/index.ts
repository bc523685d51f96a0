import { KubeObject, ResourceType, isObject, resourceKey } from '../../types';
import { ageOf } from './age';
import { AGE, BUILTIN_COLUMNS, Column, NAME } from './columns';
import { evaluateJsonPath, parseJsonPath } from './jsonPath';

export type TableVersion = 'v1' | 'v1beta1';

/** The meta.k8s.io Table version an Accept header asks for (kubectl get does), if any. */
export function tableVersionOf(
  accept: string | undefined,
): TableVersion | undefined {
  for (const part of (accept ?? '').split(',')) {
    const params = new Map(
      part
        .split(';')
        .slice(1)
        .map(p => p.trim().split('=') as [string, string]),
    );
    const v = params.get('v');
    if (
      params.get('as') === 'Table' &&
      params.get('g') === 'meta.k8s.io' &&
      (v === 'v1' || v === 'v1beta1')
    ) {
      return v;
    }
  }
  return undefined;
}

/** A cell of a CRD printer column, typed as apiextensions' table convertor types it. */
function crdCell(type: string, value: unknown, now: number): unknown {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? value
        : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return ageOf(value, now);
    default:
      return value;
  }
}

/** NAME, then the CRD version's `additionalPrinterColumns` (AGE alone when it has none). */
function crdColumns(crd: KubeObject | undefined, version: string): Column[] {
  const spec = crd && isObject(crd.spec) ? crd.spec : {};
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  const match = versions.find(v => isObject(v) && v.name === version);
  const declared =
    isObject(match) && Array.isArray(match.additionalPrinterColumns)
      ? match.additionalPrinterColumns.filter(isObject)
      : [];
  if (declared.length === 0) {
    return [NAME, { ...AGE, type: 'date' }];
  }
  return [
    NAME,
    ...declared.map((c): Column => {
      const type = String(c.type ?? 'string');
      const steps = parseJsonPath(String(c.jsonPath ?? ''));
      return {
        name: String(c.name ?? ''),
        type,
        format: typeof c.format === 'string' ? c.format : '',
        description: typeof c.description === 'string' ? c.description : '',
        priority: typeof c.priority === 'number' ? c.priority : 0,
        cell: (o, now) => {
          const found = steps ? evaluateJsonPath(steps, o) : [];
          return found.length ? crdCell(type, found[0], now) : null;
        },
      };
    }),
  ];
}

/** The columns a resource is shown with. */
export function tableColumns(
  type: ResourceType,
  version: string,
  crd: KubeObject | undefined,
): Column[] {
  if (type.crdName) {
    return crdColumns(crd, version);
  }
  return BUILTIN_COLUMNS[resourceKey(type)] ?? [NAME, AGE];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A `meta.k8s.io` Table of objects, one row each, as the API server answers kubectl get. */
export function toTable(options: {
  version: TableVersion;
  columns: Column[];
  objects: KubeObject[];
  metadata: Record<string, unknown>;
  includeObject: IncludeObject;
  now?: number;
}): Record<string, unknown> {
  const now = options.now ?? Date.now();
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: options.metadata,
    columnDefinitions: options.columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description,
      priority: c.priority ?? 0,
    })),
    rows: options.objects.map(o => {
      const row: Record<string, unknown> = {
        cells: options.columns.map(c => c.cell(o, now) ?? null),
      };
      if (options.includeObject === 'Object') {
        row.object = o;
      } else if (options.includeObject === 'Metadata') {
        row.object = {
          kind: 'PartialObjectMetadata',
          apiVersion: `meta.k8s.io/${options.version}`,
          metadata: o.metadata,
        };
      }
      return row;
    }),
  };
}
