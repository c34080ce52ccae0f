import { isBuiltin } from 'node:module';
/** The generated package's name when none is given. */
export const DEFAULT_PACKAGE_NAME = '@tcgen/taskcluster-client';
/** The generated package's version when none is given. */
export const DEFAULT_PACKAGE_VERSION = '0.0.0';

// Semantic Versioning 2.0.0's own regular expression (semver.org, "Is there a suggested regular expression").
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

// npm's rules for new package names: at most 214 characters, lower case, URL-safe, optionally
// scoped, not starting with `.` or `_` (the rules validate-npm-package-name enforces).
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** Why `name` cannot be an npm package name, or undefined when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length > 214) return `${JSON.stringify(name)} is longer than npm's 214 characters`;
  if (!NPM_NAME.test(name)) return `${JSON.stringify(name)} is not an npm package name (lower case letters, digits, - . _ ~, optionally @scope/)`;
  // npm's own refusals (validate-npm-package-name): two names it keeps, and Node.js's built-in
  // modules, which an import would resolve instead of the package.
  if (name === 'node_modules' || name === 'favicon.ico') return `${JSON.stringify(name)} is a name npm refuses`;
  if (isBuiltin(name)) return `${JSON.stringify(name)} is a Node.js built-in module: an import of it would not reach the package`;
  return undefined;
}

/** Why `version` cannot be an npm package version (a semantic version), or undefined when it can. */
export function packageVersionProblem(version: string): string | undefined {
  return SEMVER.test(version) ? undefined : `${JSON.stringify(version)} is not a semantic version such as 1.2.3 or 2.0.0-beta.1`;
}

/** The tarball file name `npm pack` gives a package: `@scope/name` → `scope-name-<version>.tgz`. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}
