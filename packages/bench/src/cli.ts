import { BenchOptions, USAGE, parseBenchArgs } from './options';
import { formatOperatorReport } from './operator/report';
import { runOperatorStage } from './operator/operatorStage';
import { formatReport, prometheusRows } from './report';
import { runBench } from './runBench';
import { StageFailure } from './stages/context';
import { failureMessage } from './stages/failures';
import { prometheusMissing, prometheusStage } from './stages/prometheus';

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
  // Said plainly before anything starts, not as a stack trace minutes later.
  const missing =
    parsed.options.skipPrometheus && !parsed.prometheus
      ? undefined
      : prometheusMissing();
  if (missing) {
    process.stderr.write(`bench: ${missing}\n`);
    process.exitCode = 1;
    return;
  }
  if (parsed.prometheus) {
    await prometheusOnly(parsed.options, parsed.json);
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

/** `yarn bench --prometheus`: only the Prometheus stage. */
async function prometheusOnly(options: BenchOptions, json: boolean) {
  const started = Date.now();
  const log = (line: string) =>
    process.stderr.write(
      `[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`,
    );
  try {
    const failures: StageFailure[] = [];
    const figures = await prometheusStage(options, log, failures);
    process.stdout.write(
      json
        ? `${JSON.stringify({ prometheus: figures, failures }, null, 2)}\n`
        : `| figure | value |\n|---|---:|\n${prometheusRows(figures).join(
            '\n',
          )}\n`,
    );
    const failed = failureMessage(failures);
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
