// The stand-in app's frontend check, run inside the stand-in app (outside the repository):
// bundles app.jsx for the browser with esbuild, loads the bundle in jsdom, signs in as a
// guest against the stand-in backend and opens KMOP's page at /kmop. Prints one JSON line
// with what it saw; exits non-zero when KMOP's page does not show the backend's answer.
// Usage: node frontend.mjs <backend base URL>
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const backendBaseUrl = process.argv[2];
const appBaseUrl = 'http://127.0.0.1:3000';

const bundled = await build({
  entryPoints: ['app.jsx'],
  bundle: true,
  outfile: 'out/app.js',
  platform: 'browser',
  format: 'iife',
  globalName: 'standin',
  jsx: 'automatic',
  // What Backstage's own bundler (webpack) provides to browser code.
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  loader: {
    '.svg': 'dataurl',
    '.png': 'dataurl',
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
  },
  // Node's stream module, asked for by the catalog's CSV export only; Backstage's webpack
  // config gives it a browser fallback. The check never exports CSV.
  external: ['stream'],
  metafile: true,
  logLevel: 'error',
});
const inputs = Object.keys(bundled.metafile.inputs);
const kmopFiles = inputs.filter(i => i.includes('node_modules/@kmop/'));

const dom = new JSDOM(
  '<!doctype html><html><body><div id="root"></div></body></html>',
  {
    url: `${appBaseUrl}/kmop`,
    runScripts: 'outside-only',
    pretendToBeVisual: true,
  },
);
const w = dom.window;
// jsdom has no fetch: Node's, without jsdom's AbortSignal (Node's fetch takes only its own).
const requests = [];
w.fetch = (input, init = {}) => {
  const { signal, ...rest } = init;
  return fetch(input, rest).then(res => {
    requests.push({ url: String(input.url ?? input), status: res.status });
    return res;
  });
};
w.Request = class extends Request {
  constructor(input, init) {
    const { signal, ...rest } = init ?? {};
    super(input, rest);
  }
};
w.Response = Response;
w.Headers = Headers;
// jsdom has no CSS object; Backstage UI asks CSS.supports() while rendering.
w.CSS = { supports: () => false, escape: s => String(s) };
const pageErrors = [];
w.console.error = (...args) => pageErrors.push(String(args[0]).slice(0, 300));

w.eval(readFileSync('out/app.js', 'utf8'));
const { kmopPlugin, kmopLegacy, render } = w.standin;

const result = {
  bundledModules: inputs.length,
  bundledKmopFiles: kmopFiles.length,
  alphaDefault: { type: kmopPlugin.$$type, id: kmopPlugin.id },
  legacyPlugin: { id: kmopLegacy.kmopPlugin.getId() },
};

render(w.document.getElementById('root'), {
  app: { baseUrl: appBaseUrl, title: 'KMOP stand-in' },
  backend: { baseUrl: backendBaseUrl },
});

const text = () => w.document.body.textContent;
async function waitFor(what, check) {
  // A generous bound: the first render of the bundle is slow on a busy 2-core machine.
  for (let i = 0; i < 120; i++) {
    const found = check();
    if (found) return found;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `${what} did not appear; the page shows: ${text().slice(0, 600)}`,
  );
}

let exitCode = 0;
try {
  const enter = await waitFor('the guest sign-in button', () =>
    [...w.document.querySelectorAll('button')].find(
      b => b.textContent === 'Enter',
    ),
  );
  enter.click();
  await waitFor(
    "KMOP's organisation page with the backend's answer",
    () =>
      text().includes('No SLO is burning its budget') &&
      requests.some(
        r =>
          r.url.includes('/api/kmop/v1/readiness/services') && r.status === 200,
      ),
  );
  if (/Something Went Wrong|Could not read/.test(text())) {
    throw new Error(`KMOP's page shows an error: ${text().slice(0, 600)}`);
  }
  result.page = text().slice(0, 300);
} catch (error) {
  result.error = String(error.message ?? error);
  exitCode = 1;
}
result.requests = requests;
result.pageErrors = pageErrors;
console.log(JSON.stringify(result));
process.exit(exitCode);
