import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CliIo, USAGE, main, parseCliArgs, parseDuration } from './cli';

const BIN = join(__dirname, '../bin/kube-sim.js');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const exits: number[] = [];
  const handle: CliIo = {
    out: l => out.push(l),
    err: l => err.push(l),
    exit: c => exits.push(c),
  };
  return { handle, out, err, exits };
}

describe('kube-sim CLI', () => {
  it('parses every flag', () => {
    expect(
      parseCliArgs([
        '--port',
        '7443',
        '--host',
        '0.0.0.0',
        '--seed',
        'a',
        '--seed',
        'b',
        '--token',
        't',
        '--latency',
        '20ms',
        '--admin',
        '--demo',
        '--demo-interval',
        '2s',
        '--history-size',
        '50',
        '--bookmark-interval',
        '1m',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 7443,
        host: '0.0.0.0',
        seeds: ['a', 'b'],
        token: 't',
        latencyMs: 20,
        admin: true,
        demo: true,
        demoIntervalMs: 2000,
        historySize: 50,
        bookmarkIntervalMs: 60000,
      },
    });
    expect(parseCliArgs([])).toEqual({
      help: false,
      options: {
        port: 6443,
        host: '127.0.0.1',
        seeds: [],
        admin: false,
        demo: false,
      },
    });
    expect(parseCliArgs(['-h'])).toEqual({ help: true });
  });

  it('reads durations', () => {
    expect(parseDuration('250', '--x')).toBe(250);
    expect(parseDuration('1.5s', '--x')).toBe(1500);
    expect(() => parseDuration('soon', '--latency')).toThrow(
      '--latency: expected a duration',
    );
  });

  it('explains bad flags and exits 2', async () => {
    const { handle, err, exits } = io();
    await main(['--port', 'http'], handle);
    expect(err[0]).toContain('kube-sim: --port: expected an integer');
    expect(err[0]).toContain(USAGE);
    expect(exits).toEqual([2]);
    const unknown = io();
    await main(['--frobnicate'], unknown.handle);
    expect(unknown.exits).toEqual([2]);
  });

  it('prints help', async () => {
    const { handle, out, exits } = io();
    await main(['--help'], handle);
    expect(out).toEqual([USAGE]);
    expect(exits).toEqual([0]);
  });

  it('reports a seed problem and exits 1', async () => {
    const { handle, err, exits } = io();
    await main(['--port', '0', '--seed', '/nonexistent/seeds'], handle);
    expect(err).toEqual(['kube-sim: seed path not found: /nonexistent/seeds']);
    expect(exits).toEqual([1]);
  });

  it('prints its URL, serves, and shuts down cleanly', async () => {
    const { handle, out, exits } = io();
    const shutdown = await main(['--port', '0'], handle);
    const url = out[0].replace('kube-sim listening on ', '');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const version = await fetch(`${url}/version`).then(r => r.json());
    expect(version.major).toBe('1');
    await shutdown?.();
    expect(out[1]).toBe('kube-sim stopped');
    expect(exits).toEqual([0]);
    await expect(fetch(`${url}/version`)).rejects.toThrow();
  });
});

describe('bin/kube-sim.js', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'runs from TypeScript sources and stops cleanly on %s',
    async signal => {
      const child = spawn(
        process.execPath,
        [BIN, '--port', '0', '--token', 'x'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      const exited = new Promise<number | null>(resolve =>
        child.on('exit', code => resolve(code)),
      );
      const deadline = Date.now() + 15_000;
      while (
        !stdout.includes('listening on') &&
        Date.now() < deadline &&
        child.exitCode === null
      ) {
        await new Promise(r => setTimeout(r, 50));
      }
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      expect(url).toBeDefined();
      const unauthorized = await fetch(`${url}/api/v1/namespaces`);
      expect(unauthorized.status).toBe(401);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stdout).toContain('kube-sim stopped');
      expect(stderr).toBe('');
    },
    30_000,
  );
});
