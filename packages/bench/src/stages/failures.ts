import { StageFailure } from './context';

/**
 * Why the run failed, one line per route of a stage whose requests failed, or
 * undefined when none did. The figures are still printed; `yarn bench` then
 * exits 1 with these lines, so a failing stage cannot pass as a measurement.
 */
export function failureMessage(failures: StageFailure[]): string | undefined {
  if (failures.length === 0) return undefined;
  return failures
    .map(
      f =>
        `stage "${f.stage}", route ${f.route}: ${f.errors} of ${
          f.requests
        } requests failed${f.firstError ? `; first: ${f.firstError}` : ''}${
          f.backendLog
            ? `\n  the backend's log: ${f.backendLog.file}${f.backendLog.errors
                .map(line => `\n  ${line}`)
                .join('')}`
            : ''
        }`,
    )
    .join('\n');
}
