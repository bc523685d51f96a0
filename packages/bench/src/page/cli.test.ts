import { parsePageArgs } from './cli';

describe('parsePageArgs', () => {
  it('gives the defaults: 5 runs of checkout on the production app', () => {
    expect(parsePageArgs([])).toEqual({
      runs: 5,
      entity: 'checkout',
      dev: false,
      rebuild: false,
      profile: undefined,
      json: false,
      help: false,
    });
  });

  it('reads --dev with a run count and an entity', () => {
    expect(
      parsePageArgs(['--dev', '--runs', '2', '--entity', 'payments']),
    ).toMatchObject({ dev: true, runs: 2, entity: 'payments' });
  });

  it('refuses a run count that is not a positive integer', () => {
    expect(() => parsePageArgs(['--runs', '0'])).toThrow(
      '--runs must be a positive integer, got "0"',
    );
    expect(() => parsePageArgs(['--runs', '1.5'])).toThrow('--runs');
  });

  it('refuses --rebuild with --dev: the dev server builds no production app', () => {
    expect(() => parsePageArgs(['--dev', '--rebuild'])).toThrow(
      '--rebuild builds the production app; --dev uses none',
    );
  });

  it('refuses an unknown option', () => {
    expect(() => parsePageArgs(['--fast'])).toThrow("Unknown option '--fast'");
  });
});
