import fs from 'node:fs';
import path from 'node:path';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { KMOP_KIND_NAMES } from '../model/constants';
import {
  RESOURCE_MODEL_DOC_PATH,
  renderResourceModelReference,
} from './referenceDocs';

const repoRoot = path.resolve(__dirname, '../../../..');
const reference = renderResourceModelReference(zodToJsonSchema);

describe('resource model reference', () => {
  it('is up to date in docs/resource-model.md', () => {
    const file = path.join(repoRoot, RESOURCE_MODEL_DOC_PATH);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const state =
      committed === reference
        ? 'up to date'
        : `${RESOURCE_MODEL_DOC_PATH} differs from the schemas. Run: yarn workspace @kmop/plugin-kmop-common generate:crds`;
    expect(state).toBe('up to date');
  });

  it('has a section with spec fields, defaults and rules for every kind', () => {
    // Table cells are padded; compare with runs of spaces collapsed.
    const text = reference.replace(/ +/g, ' ');
    for (const kind of KMOP_KIND_NAMES) {
      expect(text).toContain(`## ${kind}\n`);
    }
    expect(text).toContain(
      '| `spec.window` | window | | `30d` | Period the objective is measured over (e.g. `30d`, `4w`). |',
    );
    expect(text).toContain(
      '| `spec.ports[].name` | string (≤ 15 characters) | yes |',
    );
    expect(text).toContain(
      '- `spec.canary.steps[]`: Exactly one of `setWeight`, `pause` or `analysis` must be set.',
    );
    expect(text).toContain(
      '- `spec.timeouts`: `backendRequest` must be ≤ `request`.',
    );
  });
});
