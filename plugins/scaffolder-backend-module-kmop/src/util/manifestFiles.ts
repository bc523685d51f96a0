import { InputError } from '@backstage/errors';
import { isDeepStrictEqual } from 'node:util';
import {
  mkdir,
  mkdtemp,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Document, parseAllDocuments } from 'yaml';
import { isInsideWorkspace } from './workspacePaths';

/** An object about to be written: enough to name its file. */
export interface ManifestObject {
  kind: string;
  metadata: { name: string };
}

/** `<kind>-<name>.yaml`, lower case. */
export function manifestFileName(object: ManifestObject): string {
  return `${object.kind}-${object.metadata.name}.yaml`.toLowerCase();
}

/**
 * One object as one YAML document. Values go through the yaml library, never
 * a string template, and the text is parsed back: it must hold exactly the
 * object, in one document, or nothing is written.
 */
export function toYamlDocument(object: object, header: string): string {
  const doc = new Document(object);
  doc.commentBefore = ` ${header}`;
  const text = doc.toString({ lineWidth: 0 });
  const back = parseAllDocuments(text);
  const plain = JSON.parse(JSON.stringify(object));
  if (
    !Array.isArray(back) ||
    back.length !== 1 ||
    back[0].errors.length > 0 ||
    !isDeepStrictEqual(back[0].toJS(), plain)
  ) {
    const { kind, metadata } = object as ManifestObject;
    throw new InputError(
      `${kind} ${metadata?.name}: its YAML does not read back as the same single document`,
    );
  }
  return text;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The deepest existing directory on the way to `path`. */
async function existingAncestor(path: string): Promise<string> {
  let current = path;
  while (!(await exists(current))) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/**
 * Writes files into `targetDir` all together or not at all: they are written
 * to a staging directory inside the workspace first, which then becomes the
 * target directory (or, when it exists, whose files are moved into it).
 */
export async function writeFilesTogether(options: {
  workspacePath: string;
  targetDir: string;
  files: { name: string; content: string }[];
}): Promise<string[]> {
  const { workspacePath, targetDir, files } = options;
  if (
    !(await isInsideWorkspace(workspacePath, await existingAncestor(targetDir)))
  ) {
    throw new InputError(
      'input.targetDir must stay inside the workspace (it goes through a link that leads out)',
    );
  }
  const staging = await mkdtemp(join(workspacePath, '.kmop-staging-'));
  try {
    for (const file of files) {
      await writeFile(join(staging, file.name), file.content, {
        encoding: 'utf8',
        flag: 'wx',
      });
    }
    if (await exists(targetDir)) {
      for (const name of await readdir(staging)) {
        await rename(join(staging, name), join(targetDir, name));
      }
    } else {
      await mkdir(dirname(targetDir), { recursive: true });
      await rename(staging, targetDir);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return files.map(f => join(targetDir, f.name));
}
