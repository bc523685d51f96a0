import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// kmop-common also holds zod schemas, normalizers and compilers; none of it belongs in the
// app bundle. The plugin may take types from it freely, and at runtime only these small,
// dependency-free helpers.
const ALLOWED_VALUES = new Set([
  'isKmopAvailable',
  'KMOP_ANNOTATION_SERVICE_NAME',
  // The one release judgement: pure functions over the view, with SLO math and durations.
  'judgeReleases',
  'alertBurns',
  // Burn rates rounded as the judgement's words round them, so a table and a verdict agree.
  'roundBurn',
  // Which operations a rollout offers (the same rules the backend enforces), and the
  // permission the page asks about.
  'offeredOperations',
  'kmopRolloutOperatePermission',
  // The twelve components and their names: two constants of readiness/types.ts.
  'READINESS_COMPONENTS',
  'READINESS_COMPONENT_TITLES',
  // The signals channel name of an entity's view, shared with the backend that publishes it.
  'kmopEntityViewChannel',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === '__testUtils__' ? [] : sourceFiles(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('imports from @kmop/plugin-kmop-common', () => {
  it('take only types and the allowed helpers at runtime', () => {
    const found: string[] = [];
    const statement =
      /(import|export)\s+(type\s+)?\{([^}]*)\}\s+from\s+'@kmop\/plugin-kmop-common'/g;
    for (const file of sourceFiles(__dirname)) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/from '@kmop\/plugin-kmop-common\//);
      expect(text).not.toMatch(
        /import \* as \w+ from '@kmop\/plugin-kmop-common'/,
      );
      for (const [, , typeOnly, names] of text.matchAll(statement)) {
        if (typeOnly) continue;
        for (const name of names.split(',').map(n => n.trim())) {
          if (name && !name.startsWith('type ') && !ALLOWED_VALUES.has(name)) {
            found.push(`${relative(__dirname, file)}: ${name}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
