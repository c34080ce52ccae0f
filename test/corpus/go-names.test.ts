// Our type names against the official Go client's for the same reference:
// ../shared/go-type-names/<version>.json maps each schema location to the name Go's jsonschema2go
// gives it (API and events packages). Where both name a schema, the names must agree for at
// least 175 of the 198 schemas that are not oneOf/anyOf branches, and every difference must be
// one where ours is deliberately better. The differences are printed for review.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { resolvePointer } from '../../generator/model/schemas.ts';
import { typeNameFrom } from '../../generator/model/names.ts';
import { dirSource, modelOf, ROOT, skipUnlessSnapshot, snapshotDir, type Version } from './helpers.ts';

const VERSION: Version = 'v87.1.3';
const GO_NAMES = path.resolve(ROOT, '..', 'shared', 'go-type-names', `${VERSION}.json`);

interface Difference {
  service: string;
  location: string;
  go: string;
  ours: string;
}

/** Why ours differs from Go's, or undefined when it is not one of the deliberate kinds. */
function kindOf(difference: Difference, goNames: Record<string, string>, ourNames: Record<string, string>): string | undefined {
  const [file, pointer] = difference.location.split('#') as [string, string];
  const json = JSON.parse(readFileSync(path.join(snapshotDir(VERSION), file), 'utf8'));
  const node = resolvePointer(json, pointer) as { title?: unknown } | undefined;
  const title = typeof node?.title === 'string' ? node.title : undefined;
  const unnumbered = difference.go.replace(/\d+$/, '');
  const property = pointer.split('/').at(-1) === 'items' ? undefined : pointer.split('/').at(-1);
  // Go ignores a title of 40 characters or more and falls back to the property name, the description or "var".
  if (title !== undefined && title.length >= 40) return 'no 40-character cut-off: Go ignored the title';
  if (/^Var\d*$/.test(difference.go)) return 'no Var, Var1…: Go had no title or property name to use';
  if (unnumbered !== difference.go && Object.entries(goNames).some(([other, name]) => other !== difference.location && name === unnumbered)) {
    return 'no numbered clash names: Go appended a counter to a name it gave another schema';
  }
  if (title === undefined && property !== undefined && typeNameFrom(property) === difference.go) {
    return 'untitled nested objects are not named by the bare property name';
  }
  // Go puts a service's exchange messages in a package of their own, so it can give one name to
  // two schemas of a service; our module per service gives it to the one that claims it first.
  const holder = Object.entries(ourNames).find(([, name]) => name === difference.go)?.[0];
  if (holder !== undefined && holder !== difference.location && goNames[holder] === difference.go) {
    return "one module per service: Go gave this name to two schemas (API and events packages); ours names only the first";
  }
  return undefined;
}

describe(`${VERSION} type names against the Go client's`, { skip: skipUnlessSnapshot(VERSION) || (existsSync(GO_NAMES) ? false : `${GO_NAMES} not found (../shared missing): skipped`) }, () => {
  test('at least 175 of the 198 non-branch schemas both name agree; every difference is a deliberate one', async () => {
    const go = JSON.parse(readFileSync(GO_NAMES, 'utf8')).types as Record<string, Record<string, string>>;
    const model = await modelOf(dirSource(VERSION));
    let both = 0;
    let agree = 0;
    let branches = 0;
    let branchesAgree = 0;
    const differences: Difference[] = [];
    const kinds = new Map<string, Difference[]>();
    for (const service of model.services) {
      const goNames = go[service.serviceName] ?? {};
      const ourNames = Object.fromEntries(service.types.map((type) => [type.schema.key, type.name]));
      for (const [location, ours] of Object.entries(ourNames)) {
        const goName = goNames[location];
        if (goName === undefined) continue;
        const isBranch = /\/(oneOf|anyOf)\/\d+$/.test(location);
        if (isBranch) branches++;
        else both++;
        if (goName === ours) {
          if (isBranch) branchesAgree++;
          else agree++;
          continue;
        }
        const difference = { service: service.serviceName, location, go: goName, ours };
        differences.push(difference);
        const kind = kindOf(difference, goNames, ourNames) ?? 'NOT A DELIBERATE DIFFERENCE';
        kinds.set(kind, [...(kinds.get(kind) ?? []), difference]);
      }
    }
    const report = [
      `Go names vs ours, ${VERSION}: ${agree} of ${both} non-branch schemas agree; titled oneOf/anyOf branches: ${branchesAgree} of ${branches}`,
      ...[...kinds].flatMap(([kind, list]) => [`  ${kind} (${list.length}):`, ...list.map((d) => `    ${d.service} ${d.location}: Go ${d.go}, ours ${d.ours}`)]),
    ].join('\n');
    console.log(report);
    assert.equal(both, 198, 'the schemas both name, branches aside');
    assert.ok(agree >= 175, report);
    assert.equal(kinds.get('NOT A DELIBERATE DIFFERENCE'), undefined, report);
    assert.equal(differences.length, both - agree + branches - branchesAgree);
  });
});
