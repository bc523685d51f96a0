import {
  createKmopManifestsGenerateAction,
  createKmopManifestsValidateAction,
} from '@kmop/plugin-scaffolder-backend-module-kmop';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { median } from './load';

type Action = { handler(ctx: never): Promise<void> };

const quietLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/** The handler's context, as the scaffolder gives it, for a run outside a task. */
function context(input: unknown, workspacePath: string) {
  return {
    input,
    workspacePath,
    logger: quietLogger,
    output() {},
    checkpoint: async ({ fn }: { fn: () => unknown }) => fn(),
    isDryRun: false,
  } as never;
}

/** The input of the action example whose description starts with `prefix`. */
function exampleInput(
  action: { examples?: { description: string; example: string }[] },
  prefix: string,
) {
  const example = action.examples?.find(e => e.description.startsWith(prefix));
  if (!example) throw new Error(`no example "${prefix}…"`);
  return parse(example.example).steps[0].input as Record<string, unknown>;
}

/** Median time of `kmop:manifests:generate` then `kmop:manifests:validate` over the result, per flavour. */
export async function timeScaffolder(
  runs: number,
): Promise<{ kmopMs: number; nativeMs: number }> {
  const generate = createKmopManifestsGenerateAction();
  const validate = createKmopManifestsValidateAction();
  const flavours = {
    kmopMs: exampleInput(generate, 'KMOP resources'),
    nativeMs: exampleInput(generate, 'Native manifests'),
  };
  const result = { kmopMs: NaN, nativeMs: NaN };
  for (const [key, input] of Object.entries(flavours) as [
    keyof typeof result,
    Record<string, unknown>,
  ][]) {
    const targetDir = String(input.targetDir ?? 'kmop');
    const times: number[] = [];
    // One more run than asked: the first loads the schemas and is left out.
    for (let i = 0; i <= runs; i++) {
      const workspace = await mkdtemp(join(tmpdir(), 'kmop-bench-ws-'));
      try {
        const started = process.hrtime.bigint();
        await (generate as Action).handler(context(input, workspace));
        await (validate as Action).handler(
          context({ path: targetDir }, workspace),
        );
        if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
      } finally {
        await rm(workspace, { recursive: true, force: true });
      }
    }
    result[key] = median(times);
  }
  return result;
}
