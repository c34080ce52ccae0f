// What a generated service module imports from the runtime, and nothing more: the base classes,
// the functions their methods delegate to, and the types the module names. A service's import
// then loads only the client's own modules, not the whole public API of index.ts (the object
// helpers, scopes, fakes, …): each module file is ~0.5 ms of every process that imports a
// client (issue 23). Not a public entry: applications import the package root or `./runtime`.
export { Client, callEntry } from './client.js';
export { EventsClient, bindExchange } from './events.js';
