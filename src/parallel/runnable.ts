// Parallel reading: the URL of a module to run beside this one. Compiled, it is the .js file the URL names; under the
// test runner (TypeScript sources) it is the build's copy (`npm test` builds first).
export function runnable(url: URL): URL {
  return import.meta.url.endsWith('.ts') ? new URL(url.href.replace('/src/', '/dist/').replace(/\.ts$/, '.js')) : url;
}
