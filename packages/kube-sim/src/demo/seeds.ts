import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeObject, isObject } from '../types';

/** One object read from a seed file. */
export interface SeedDocument {
  file: string;
  /** 1-based position of the YAML document in its file. */
  document: number;
  object: KubeObject;
}

const SEED_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

async function collectFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new Error(`seed path not found: ${path}`);
  }
  if (!info.isDirectory()) {
    return [path];
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await collectFiles(child)));
    } else if (SEED_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(child);
    }
  }
  return files;
}

function checkObject(value: unknown, where: string): KubeObject {
  if (!isObject(value)) {
    throw new Error(
      `${where}: expected a Kubernetes object, got ${JSON.stringify(value)}`,
    );
  }
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof value[field] !== 'string' || !value[field]) {
      throw new Error(`${where}: ${field} is required`);
    }
  }
  if (
    !isObject(value.metadata) ||
    typeof value.metadata.name !== 'string' ||
    !value.metadata.name
  ) {
    throw new Error(`${where}: metadata.name is required`);
  }
  return value as KubeObject;
}

/** Parses one file's YAML documents (or JSON), expanding `kind: List`, skipping empty documents. */
export function parseSeedText(text: string, file: string): SeedDocument[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: SeedDocument[] = [];
  list.forEach((doc, i) => {
    const where = `${file}: document ${i + 1}`;
    if (doc.errors.length > 0) {
      throw new Error(`${where}: ${doc.errors[0].message}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) {
      return;
    }
    if (
      isObject(value) &&
      typeof value.kind === 'string' &&
      value.kind.endsWith('List') &&
      Array.isArray(value.items)
    ) {
      value.items.forEach((item, j) => {
        out.push({
          file,
          document: i + 1,
          object: checkObject(item, `${where}: items[${j}]`),
        });
      });
      return;
    }
    out.push({ file, document: i + 1, object: checkObject(value, where) });
  });
  return out;
}

const CRD_API_VERSION = /^apiextensions\.k8s\.io\//;

/** CRDs first, then Namespaces, then everything else, each in file order. */
export function orderSeeds(docs: SeedDocument[]): SeedDocument[] {
  const rank = (d: SeedDocument) => {
    if (
      d.object.kind === 'CustomResourceDefinition' &&
      CRD_API_VERSION.test(d.object.apiVersion)
    ) {
      return 0;
    }
    return d.object.kind === 'Namespace' && d.object.apiVersion === 'v1'
      ? 1
      : 2;
  };
  return docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map(x => x.d);
}

/** Reads seed files and folders (recursively: .yaml, .yml, .json), ordered for loading. */
export async function readSeeds(paths: string[]): Promise<SeedDocument[]> {
  const docs: SeedDocument[] = [];
  for (const path of paths) {
    for (const file of await collectFiles(path)) {
      docs.push(...parseSeedText(await readFile(file, 'utf8'), file));
    }
  }
  return orderSeeds(docs);
}
