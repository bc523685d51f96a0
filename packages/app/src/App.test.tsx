import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The app got as far as its sign-in page, the guest provider's: a document body alone
    // would be there whatever the app did.
    await waitFor(
      () =>
        expect(rendered.baseElement).toHaveTextContent(
          'Enter as a Guest User.',
        ),
      { timeout: 30_000 },
    );
  });
});
