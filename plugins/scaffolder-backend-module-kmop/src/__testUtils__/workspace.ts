import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** Every file under a directory, path to content, for "nothing changed" checks. */
export async function snapshotDirectory(
  root: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        out[`${relative(root, full)}/`] = '';
        await walk(full);
      } else if (entry.isSymbolicLink()) {
        out[relative(root, full)] = `-> ${await readlink(full)}`;
      } else {
        out[relative(root, full)] = await readFile(full, 'utf8');
      }
    }
  }
  await walk(root);
  return out;
}

/** A fresh temporary workspace holding the given files. */
export async function createWorkspace(
  files: Record<string, string> = {},
): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'kmop-ws-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(path, name)), { recursive: true });
    await writeFile(join(path, name), content, 'utf8');
  }
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
