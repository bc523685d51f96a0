import type { OperatorFigures } from './operatorStage';

/** The operator stage as a Markdown table. */
export function formatOperatorReport(f: OperatorFigures): string {
  return [
    `| KMOP operator, ${f.services} services (${f.kmopObjects} kmop.dev objects) created at once | |`,
    '| --- | --- |',
    `| time until all Ready | ${(f.timeToAllReadyMs / 1000).toFixed(1)} s |`,
    `| reconciles | ${f.reconciles} (${f.reconcilesPerSecond.toFixed(1)}/s) |`,
    `| API requests per reconcile | ${f.apiRequestsPerReconcile.toFixed(2)} |`,
    `| operator writes until all Ready | ${f.writesUntilReady} |`,
    `| operator memory (RSS) | ${f.operatorRssMiB.toFixed(0)} MiB |`,
    `| operator CPU until all Ready | ${f.operatorCpuSeconds.toFixed(1)} s (${(
      (f.operatorCpuSeconds * 1000) /
      f.reconciles
    ).toFixed(2)} ms per reconcile) |`,
    `| steady state: resyncs, reconciles, operator writes, writes reaching the API server | ${f.steadyState.resyncs}, ${f.steadyState.reconciles}, ${f.steadyState.writes}, ${f.steadyState.apiWrites} |`,
  ].join('\n');
}
