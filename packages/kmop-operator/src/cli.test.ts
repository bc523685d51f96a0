import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CLI_OPTIONS, USAGE, parseCliArgs } from './cli';

describe('parseCliArgs', () => {
  it('has client-go leader election defaults and reads targets from the flag or KMOP_TARGETS', () => {
    const command = parseCliArgs([], { KMOP_TARGETS: 'gateway-api,sloth' });
    expect(command).toMatchObject({
      help: false,
      options: {
        targets: ['gateway-api', 'sloth'],
        leaseDurationMs: 15_000,
        renewDeadlineMs: 10_000,
        retryPeriodMs: 2_000,
        leaderElection: true,
        leaseName: 'kmop-operator',
        leaseNamespace: 'default',
      },
    });
    expect(parseCliArgs(['--targets', 'pyrra'], {})).toMatchObject({
      options: { targets: ['pyrra'] },
    });
  });

  it('names the flag at fault', () => {
    expect(() =>
      parseCliArgs(['--targets', 'gateway-api,linkerd'], {}),
    ).toThrow('--targets: unknown target linkerd');
    expect(() => parseCliArgs(['--resync', 'soon'], {})).toThrow('--resync');
    expect(() =>
      parseCliArgs(['--lease-duration', '5s', '--renew-deadline', '10s'], {}),
    ).toThrow('--lease-duration must exceed --renew-deadline');
  });
});

describe('parseCliArgs, Prometheus', () => {
  it('measures SLOs only when given a Prometheus, from the flag or KMOP_PROMETHEUS_URL', () => {
    expect(parseCliArgs([], {})).toMatchObject({
      options: {
        prometheusUrl: undefined,
        sloIntervalMs: 60_000,
        prometheusTimeoutMs: 10_000,
      },
    });
    expect(
      parseCliArgs(['--slo-interval', '30s'], {
        KMOP_PROMETHEUS_URL: 'http://prometheus.monitoring:9090',
      }),
    ).toMatchObject({
      options: {
        prometheusUrl: 'http://prometheus.monitoring:9090',
        sloIntervalMs: 30_000,
      },
    });
    expect(() =>
      parseCliArgs(['--prometheus-url', 'prometheus:9090'], {}),
    ).toThrow('--prometheus-url: expected an http(s) URL');
  });
});

describe('kmop-operator --help', () => {
  it('lists every flag the command accepts, and no other', () => {
    const listed = new Set(
      [...USAGE.matchAll(/^\s+(?:-h, )?--([a-z-]+)/gm)].map(m => m[1]),
    );
    expect([...listed].sort()).toEqual(Object.keys(CLI_OPTIONS).sort());
  });

  it('prints the usage and exits 0', () => {
    const bin = resolve(__dirname, '../bin/kmop-operator-dev.js');
    const result = spawnSync(process.execPath, [bin, '--help'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--targets <list>');
    expect(result.stdout).toContain('kmop.dev/targets');
  });
});
