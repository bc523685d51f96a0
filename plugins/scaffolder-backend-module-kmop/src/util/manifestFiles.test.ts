import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWorkspace, snapshotDirectory } from '../__testUtils__/workspace';
import { writeFilesTogether } from './manifestFiles';

describe('writeFilesTogether', () => {
  it('creates a nested target directory in one move and leaves no staging directory', async () => {
    const ws = await createWorkspace();
    try {
      const written = await writeFilesTogether({
        workspacePath: ws.path,
        targetDir: join(ws.path, 'deploy/k8s'),
        files: [
          { name: 'a.yaml', content: 'a: 1\n' },
          { name: 'b.yaml', content: 'b: 2\n' },
        ],
      });
      expect(written).toEqual([
        join(ws.path, 'deploy/k8s/a.yaml'),
        join(ws.path, 'deploy/k8s/b.yaml'),
      ]);
      expect(await readFile(join(ws.path, 'deploy/k8s/b.yaml'), 'utf8')).toBe(
        'b: 2\n',
      );
      expect(Object.keys(await snapshotDirectory(ws.path)).sort()).toEqual([
        'deploy/',
        'deploy/k8s/',
        'deploy/k8s/a.yaml',
        'deploy/k8s/b.yaml',
      ]);
    } finally {
      await ws.cleanup();
    }
  });

  it('writes nothing when one file cannot be written', async () => {
    const ws = await createWorkspace();
    try {
      await expect(
        writeFilesTogether({
          workspacePath: ws.path,
          targetDir: join(ws.path, 'kmop'),
          files: [
            { name: 'a.yaml', content: 'a: 1\n' },
            { name: 'a.yaml', content: 'again' },
          ],
        }),
      ).rejects.toThrow(/EEXIST/);
      expect(await snapshotDirectory(ws.path)).toEqual({});
    } finally {
      await ws.cleanup();
    }
  });
});
