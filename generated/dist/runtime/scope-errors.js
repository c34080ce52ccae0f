// Turns a 403 InsufficientScopes TaskclusterError into an InsufficientScopesError. The answer's
// shape is Taskcluster's (libraries/api/src/middleware/auth.js and express-error.js, v87.1.3):
// `{ code: 'InsufficientScopes', message, requestInfo }`, where `message` is, with credentials,
//   Client ID <id> does not have sufficient scopes and is missing the following scopes:
//   ```
//   <unsatisfied>
//   ```
//   This request requires the client to satisfy the following scope expression:
//   ```
//   <required>
//   ```
// and without, only the second part ("…requires Taskcluster credentials that satisfy…"). Each
// block is a scope as it is, or an expression as JSON (indented by 2).
import { InsufficientScopesError } from './errors.js';
function parseBlock(text) {
  if (!text.startsWith('{')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
/** The scopes of an expression, in order, each once. */
function scopesOf(expression, out = []) {
  if (typeof expression === 'string') {
    if (!out.includes(expression)) out.push(expression);
  } else if (expression !== null && typeof expression === 'object') {
    for (const list of Object.values(expression)) if (Array.isArray(list)) list.forEach((item) => scopesOf(item, out));
  }
  return out;
}
/**
 * One line per missing scope; the branches of an AnyOf (one of them is enough) indented under
 * "one of:", and an AllOf that is such a branch (all of it is needed) under "all of:".
 */
function missingLines(expression, indent = '  ', inAnyOf = false) {
  if (typeof expression === 'string') return [indent + expression];
  if (expression === null || typeof expression !== 'object') return [];
  if ('AnyOf' in expression && Array.isArray(expression.AnyOf))
    return [`${indent}one of:`, ...expression.AnyOf.flatMap((item) => missingLines(item, indent + '  ', true))];
  if ('AllOf' in expression && Array.isArray(expression.AllOf)) {
    if (!inAnyOf) return expression.AllOf.flatMap((item) => missingLines(item, indent));
    return [`${indent}all of:`, ...expression.AllOf.flatMap((item) => missingLines(item, indent + '  '))];
  }
  return [];
}
/** `error` as an InsufficientScopesError when it is a 403 InsufficientScopes answer, else `error` itself. */
export function withScopeDetails(error, entry, ownClientId) {
  if (error.statusCode !== 403 || error.code !== 'InsufficientScopes') return error;
  const text = typeof error.body?.message === 'string' ? error.body.message : '';
  const blocks = [...text.matchAll(/```\n([\s\S]*?)\n```/g)].map((match) => parseBlock(match[1]));
  const named = /^Client ID (.*) does not have sufficient scopes/.exec(text)?.[1];
  const withCredentials = named !== undefined;
  const missing = withCredentials ? blocks[0] : undefined;
  const required = (withCredentials ? blocks[1] : blocks[0]) ?? entry.scopes;
  const clientId = named ?? ownClientId;
  const missingScopes = scopesOf(missing);
  const where = `${entry.name} (${error.method} ${error.url})`;
  const message = withCredentials
    ? [`${where}: client ${clientId} is missing these scopes:`, ...missingLines(missing)].join('\n')
    : `${where} requires credentials that satisfy the scope expression ${JSON.stringify(required)}`;
  return new InsufficientScopesError({
    message,
    statusCode: error.statusCode,
    code: error.code,
    method: error.method,
    url: error.url,
    retries: error.retries,
    body: error.body,
    required,
    missing,
    missingScopes,
    clientId,
  });
}
