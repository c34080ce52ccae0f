// What each platform module provides, as types only. The modules themselves are chosen by the
// package's `imports` conditions (package.json: `#runtime/transport`, `#runtime/crypto`,
// `#runtime/env`), so a bundler includes exactly one of each and nothing is sniffed at run time.
// Every variant annotates its exports with these types, so the variants cannot drift apart
// while TypeScript only ever resolves the Node one.
export {};
