import { USAGE, parseBenchArgs } from './options';
import { formatOperatorReport } from './operator/report';
import { runOperatorStage } from './operator/operatorStage';
import { formatReport } from './report';
import { runBench } from './runBench';
import { failureMessage } from './stages/failures';

/** `yarn bench`: parses the options, runs, prints. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  let parsed;
  try {
    parsed = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.operator) {
    try {
      const started = Date.now();
      const figures = await runOperatorStage(
        parsed.options.operatorServices,
        line =>
          process.stderr.write(
            `[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`,
          ),
      );
      process.stdout.write(
        parsed.json
          ? `${JSON.stringify(figures, null, 2)}\n`
          : `${formatOperatorReport(figures)}\n`,
      );
    } catch (error) {
      process.stderr.write(
        `bench failed: ${(error as Error).stack ?? error}\n`,
      );
      process.exitCode = 1;
    }
    return;
  }
  try {
    const started = Date.now();
    const result = await runBench(parsed.options, line =>
      process.stderr.write(
        `[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`,
      ),
    );
    process.stdout.write(
      parsed.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : `${formatReport(result)}\n`,
    );
    const failed = failureMessage(result.failures);
    if (failed) {
      process.stderr.write(
        `bench failed: requests of a stage failed\n${failed}\n`,
      );
      process.exitCode = 1;
    }
  } catch (error) {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  }
}
