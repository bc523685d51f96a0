import { z } from 'zod/v3';
import {
  KMOP_API_VERSION,
  KMOP_KIND_NAMES,
  KMOP_KINDS,
  KmopKind,
} from '../model/constants';
import {
  KMOP_JSON_SCHEMA_OPTIONS,
  ZodToJsonSchema,
  kmopKindSchema,
} from './crds';
import { KMOP_EXAMPLE_MANIFESTS } from './examples';
import {
  dns1123LabelSchema,
  dns1123SubdomainSchema,
  durationSchema,
  entityRefSchema,
  intOrPercentSchema,
  quantitySchema,
  windowSchema,
} from '../model/shared';
import {
  NOTES_KEY,
  StructuralSchema,
  toStructuralSchema,
} from './structuralSchema';

/** Where the reference is committed, relative to the repository root. */
export const RESOURCE_MODEL_DOC_PATH = 'docs/resource-model.md';

interface Row {
  path: string;
  type: string;
  required: boolean;
  defaultValue?: unknown;
  description: string;
}

interface Note {
  path: string;
  text: string;
}

// A pattern with its length limit identifies a format: port names share the DNS-1123 label
// pattern but allow only 15 characters.
function formatKey(node: StructuralSchema): string {
  return `${node.pattern ?? ''}\u0000${node.maxLength ?? ''}`;
}

/** Readable names of the formats the shared schemas check with a pattern. */
function namedPatterns(toJsonSchema: ZodToJsonSchema): Map<string, string> {
  const formats: [z.ZodTypeAny, string][] = [
    [dns1123LabelSchema, 'DNS-1123 label'],
    [dns1123SubdomainSchema, 'DNS-1123 subdomain'],
    [durationSchema, 'duration'],
    [windowSchema, 'window'],
    [entityRefSchema, 'entity reference'],
    [intOrPercentSchema, 'count or percentage'],
    [quantitySchema, 'quantity'],
  ];
  const names = new Map<string, string>();
  for (const [schema, name] of formats) {
    const node = toStructuralSchema(
      toJsonSchema(schema, KMOP_JSON_SCHEMA_OPTIONS),
    );
    names.set(formatKey(node), name);
  }
  return names;
}

function range(node: StructuralSchema): string {
  const low =
    node.minimum === undefined
      ? undefined
      : `${node.exclusiveMinimum ? '>' : '≥'} ${node.minimum}`;
  const high =
    node.maximum === undefined
      ? undefined
      : `${node.exclusiveMaximum ? '<' : '≤'} ${node.maximum}`;
  if (low && high && !node.exclusiveMinimum && !node.exclusiveMaximum) {
    return `${node.minimum}–${node.maximum}`;
  }
  return [low, high].filter(Boolean).join(' and ');
}

const STRING_FORMATS: Record<string, string> = {
  'date-time': 'RFC 3339 date-time',
  uri: 'URL',
};

function typeText(
  node: StructuralSchema,
  patterns: Map<string, string>,
): string {
  const named = node.pattern ? patterns.get(formatKey(node)) : undefined;
  if (named) {
    return named;
  }
  if (node['x-kubernetes-int-or-string']) {
    return 'integer or string';
  }
  if (node.enum) {
    return `one of ${node.enum.map(v => `\`${String(v)}\``).join(', ')}`;
  }
  switch (node.type) {
    case 'string': {
      const base = STRING_FORMATS[node.format ?? ''] ?? 'string';
      const limits = [
        node.minLength === 1 ? 'non-empty' : undefined,
        node.maxLength !== undefined
          ? `≤ ${node.maxLength} characters`
          : undefined,
      ].filter(Boolean);
      return limits.length ? `${base} (${limits.join(', ')})` : base;
    }
    case 'integer':
    case 'number': {
      const bounds = range(node);
      return bounds ? `${node.type}, ${bounds}` : node.type;
    }
    case 'array': {
      const items = node.items ? typeText(node.items, patterns) : 'values';
      const count = [
        node.minItems !== undefined ? `at least ${node.minItems}` : undefined,
        node.maxItems !== undefined ? `at most ${node.maxItems}` : undefined,
      ].filter(Boolean);
      const list = `list of ${
        node.items?.type === 'object' ? 'objects' : items
      }`;
      return count.length ? `${list} (${count.join(', ')})` : list;
    }
    case 'object':
      return node.additionalProperties
        ? `map of ${typeText(node.additionalProperties, patterns)}`
        : 'object';
    default:
      return node.type ?? 'any';
  }
}

function collect(
  node: StructuralSchema,
  path: string,
  patterns: Map<string, string>,
  rows: Row[],
  notes: Note[],
): void {
  for (const text of node[NOTES_KEY] ?? []) {
    notes.push({ path, text });
  }
  if (node.items) {
    collect(node.items, `${path}[]`, patterns, rows, notes);
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const childPath = `${path}.${name}`;
    rows.push({
      path: childPath,
      type: typeText(child, patterns),
      required: node.required?.includes(name) ?? false,
      defaultValue: child.default,
      description: child.description ?? '',
    });
    collect(child, childPath, patterns, rows, notes);
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function defaultText(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

// Code points, which is how Prettier measures these characters (none is double-width).
function width(text: string): number {
  return [...text].length;
}

/** A Markdown table padded the way Prettier formats one, so formatting the file changes nothing. */
function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) =>
    Math.max(3, width(title), ...rows.map(row => width(row[i]))),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((text, i) => text + ' '.repeat(widths[i] - width(text)))
      .join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ];
}

function fieldTable(rows: Row[]): string[] {
  return markdownTable(
    ['Field', 'Type', 'Required', 'Default', 'Description'],
    rows.map(r => [
      `\`${r.path}\``,
      cell(r.type),
      r.required ? 'yes' : '',
      cell(defaultText(r.defaultValue)),
      cell(r.description),
    ]),
  );
}

function kindSection(
  kind: KmopKind,
  toJsonSchema: ZodToJsonSchema,
  patterns: Map<string, string>,
): string[] {
  const info = KMOP_KINDS[kind];
  const schema = kmopKindSchema(kind, toJsonSchema);
  const sections: string[] = [
    `## ${kind}`,
    '',
    info.description,
    '',
    `Plural \`${info.plural}\`, short name${
      info.shortNames.length > 1 ? 's' : ''
    } ${info.shortNames.map(s => `\`${s}\``).join(', ')}. \`kubectl get ${
      info.shortNames[0]
    }\` shows ${info.printerColumns
      .filter(c => !c.priority)
      .map(c => c.name)
      .join(', ')}.`,
    '',
    '```yaml',
    KMOP_EXAMPLE_MANIFESTS[kind].trimEnd(),
    '```',
    '',
  ];
  for (const part of ['spec', 'status'] as const) {
    const node = schema.properties?.[part];
    if (!node) {
      continue;
    }
    const rows: Row[] = [];
    const notes: Note[] = [];
    collect(node, part, patterns, rows, notes);
    sections.push(
      `### ${part}`,
      '',
      node.description ?? '',
      '',
      ...fieldTable(rows),
      '',
    );
    if (notes.length) {
      sections.push(
        'Rules:',
        '',
        ...notes.map(n => `- \`${n.path}\`: ${n.text}`),
        '',
      );
    }
  }
  return sections;
}

/** The reference of every kind's fields, as Markdown, generated from the zod schemas. */
export function renderResourceModelReference(
  toJsonSchema: ZodToJsonSchema,
): string {
  const patterns = namedPatterns(toJsonSchema);
  const lines = [
    '<!-- Generated from the zod schemas in plugins/kmop-common/src/model by',
    '     `yarn workspace @kmop/plugin-kmop-common generate:crds`. Do not edit by hand. -->',
    '',
    '# KMOP resource model reference',
    '',
    `Every KMOP resource is namespaced and has \`apiVersion: ${KMOP_API_VERSION}\`, the usual`,
    '`metadata` (name, namespace, labels, annotations), a `spec` you write and a `status` the',
    'KMOP operator writes. The CustomResourceDefinitions in `plugins/kmop-common/crds/` and the',
    'validator (`validateKmopResource`) check the same rules.',
    '',
    ...markdownTable(
      ['Kind', 'Plural', 'Short names', 'What it declares'],
      KMOP_KIND_NAMES.map(kind => {
        const info = KMOP_KINDS[kind];
        return [
          `[${kind}](#${kind.toLowerCase()})`,
          `\`${info.plural}\``,
          info.shortNames.map(s => `\`${s}\``).join(', '),
          cell(info.description),
        ];
      }),
    ),
    '',
    '## Formats',
    '',
    '- **DNS-1123 label**: lower case letters, digits and `-`, starting and ending with a letter',
    '  or digit, at most 63 characters (`payments-api`). Service names, namespaces.',
    '- **DNS-1123 subdomain**: DNS-1123 labels joined by `.`, at most 253 characters. Object names.',
    '- **duration**: a whole number above 0 and a unit `ms`, `s`, `m`, `h` or `d` (`250ms`, `30s`,',
    '  `5m`, `1h`, `30d`). Not `1h30m`, not `30 s`.',
    '- **window**: a duration that may also use `w` (`4w`).',
    '- **count or percentage**: a whole number ≥ 0 or a percentage from `0%` to `100%` (`25%`).',
    '- **quantity**: a Kubernetes quantity such as `250m`, `1`, `0.5` or `512Mi`.',
    '- **entity reference**: a catalog entity reference, `[kind:][namespace/]name`',
    '  (`group:default/payments-team`).',
    '- **conditions**: Kubernetes conditions, one per type, each with `type`, `status`',
    '  (`True`, `False` or `Unknown`), `reason`, `message`, `lastTransitionTime` and',
    '  `observedGeneration`.',
    '',
    ...KMOP_KIND_NAMES.flatMap(kind =>
      kindSection(kind, toJsonSchema, patterns),
    ),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
