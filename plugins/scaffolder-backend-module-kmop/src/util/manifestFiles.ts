import { InputError } from '@backstage/errors';
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
import { isInsideWorkspace } from './workspacePaths';

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
