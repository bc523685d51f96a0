import { InputError } from '@backstage/errors';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ManifestDocument, parseManifestText } from '@kmop/plugin-kmop-node';
import {
  isInsideWorkspace,
  resolveWorkspacePath,
  toWorkspaceRelative,
} from './workspacePaths';

/** What reading the manifests found. */
export interface ManifestRead {
  /** Workspace-relative paths of the files read, sorted. */
  files: string[];
  /** Non-empty documents, in file and document order. */
  documents: ManifestDocument[];
  /** YAML syntax errors, as `<file> doc <n>: <message>`. */
  errors: string[];
}

const YAML_FILE = /\.ya?ml$/i;

async function collect(
  workspacePath: string,
  dir: string,
  found: { files: string[]; skipped: string[]; visited: Set<string> },
): Promise<void> {
  // A link back to a parent would otherwise be walked forever.
  const real = await realpath(dir);
  if (found.visited.has(real)) return;
  found.visited.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (
      entry.isSymbolicLink() &&
      !(await isInsideWorkspace(workspacePath, full))
    ) {
      found.skipped.push(toWorkspaceRelative(workspacePath, full));
      continue;
    }
    const info = entry.isSymbolicLink() ? await stat(full) : entry;
    if (info.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') {
        await collect(workspacePath, full, found);
      }
    } else if (info.isFile() && YAML_FILE.test(entry.name)) {
      found.files.push(full);
    }
  }
}

/**
 * Reads every YAML document of a file, or of the .yaml/.yml files under a
 * directory (recursively), at `relativePath`: the workspace-relative path
 * given in input `field`. Links that lead out of the workspace are skipped
 * and named in `skipped`.
 */
export async function readManifestDocuments(
  workspacePath: string,
  relativePath: string,
  field: string,
): Promise<ManifestRead & { skipped: string[] }> {
  const target = resolveWorkspacePath(workspacePath, relativePath, field);
  const display = toWorkspaceRelative(workspacePath, target) || '.';
  const stats = await stat(target).catch(() => undefined);
  if (!stats) {
    throw new InputError(
      `input.${field}: ${display} does not exist in the workspace`,
    );
  }
  if (!(await isInsideWorkspace(workspacePath, target))) {
    throw new InputError(
      `input.${field} must stay inside the workspace, got "${display}"`,
    );
  }
  const found = {
    files: [] as string[],
    skipped: [] as string[],
    visited: new Set<string>(),
  };
  if (stats.isDirectory()) {
    await collect(workspacePath, target, found);
  } else {
    found.files.push(target);
  }
  const { files: paths, skipped } = found;

  const files = paths.map(p => toWorkspaceRelative(workspacePath, p));
  const documents: ManifestDocument[] = [];
  const errors: string[] = [];
  for (const [i, path] of paths.entries()) {
    const parsed = parseManifestText(await readFile(path, 'utf8'), files[i]);
    documents.push(...parsed.documents);
    errors.push(...parsed.errors);
  }
  return { files, documents, errors, skipped };
}
