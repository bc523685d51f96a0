import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * Resolves a path given in an action input inside the workspace, and names the
 * input field when it points elsewhere.
 */
export function resolveWorkspacePath(
  workspacePath: string,
  path: string,
  field: string,
): string {
  if (isAbsolute(path)) {
    throw new InputError(
      `input.${field} must be a path relative to the workspace, got "${path}"`,
    );
  }
  try {
    return resolveSafeChildPath(workspacePath, path);
  } catch {
    throw new InputError(
      `input.${field} must stay inside the workspace, got "${path}"`,
    );
  }
}

/**
 * True when the real location of `target` (symbolic links followed) is inside
 * the real workspace, so a link in a skeleton cannot make an action read or
 * write files elsewhere.
 */
export async function isInsideWorkspace(
  workspacePath: string,
  target: string,
): Promise<boolean> {
  const [root, real] = await Promise.all([
    realpath(workspacePath),
    realpath(target),
  ]);
  const rel = relative(root, real);
  return (
    rel === '' ||
    (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
  );
}

/** Workspace-relative path with forward slashes, as templates expect. */
export function toWorkspaceRelative(
  workspacePath: string,
  target: string,
): string {
  return relative(workspacePath, target).split(sep).join('/');
}
