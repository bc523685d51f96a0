import { describeAuth } from './describeAuth';

describe('describeAuth', () => {
  it('names the header that carries an API key', () => {
    expect(describeAuth({ type: 'apiKey', apiKeyHeader: 'x-api-key' })).toBe(
      'API key in request header x-api-key',
    );
  });

  it('says the route names no header instead of inventing one', () => {
    expect(describeAuth({ type: 'apiKey' })).toBe(
      'API key (the route names no header)',
    );
  });

  it("gives a JWT's issuer when the route sets one", () => {
    expect(
      describeAuth({ type: 'jwt', jwtIssuer: 'https://id.example.com' }),
    ).toBe('JWT issued by https://id.example.com');
    expect(describeAuth({ type: 'jwt' })).toBe('JWT');
  });
});
