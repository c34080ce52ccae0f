// The soundness test's type-check: one program under the whole strict family (library checking
// on) against the generated packages. Every valid instance is checked in the forms an application
// holds it: as a literal of the schema's type, as an `as const` value and through interfaces
// describing it (generated from the instance), the last two as what a method takes
// (`Input<TheType>`). Every invalid instance is checked as a literal of both, under
// `// @ts-expect-error`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { isObject, type Json } from './soundness-bundle.ts';
import { INVALID_KINDS, type InvalidKind } from './soundness-variants.ts';
import type { Instance } from './soundness.ts';
import { STRICTEST } from './compile-app.ts';


/** The forms of a valid instance, and what each is assigned to. */
export const FORMS = { literal: 'literal → the type', asConst: '`as const` → Input<type>', interface: 'interfaces → Input<type>' } as const;
export type Form = keyof typeof FORMS;
/** What an invalid instance is refused as: a literal of the type, and of Input<type>. */
export type Target = 'type' | 'input';

export interface CheckResult {
  /** Types with at least one instance. */
  types: number;
  valid: number;
  /** Per form: valid instances checked, and how many type-check. */
  forms: Record<Form, { total: number; accepted: number }>;
  /** Valid instances a form refuses: the soundness failures, with TypeScript's message. */
  unsound: Array<{ instance: Instance; form: Form; message: string }>;
  /** Per kind: invalid instances × targets, and how many are refused. */
  invalid: Record<InvalidKind, { total: number; refused: number }>;
  /** Invalid instances a target accepts. */
  imprecise: Array<{ instance: Instance; target: Target }>;
}

/**
 * Interfaces describing a JSON value exactly (literal leaf types, readonly tuples); returns the
 * type of the value. Objects at `maps` (typed maps, see mapPlaces) are type literals.
 */
function describe(value: Json, declarations: string[], prefix: string, maps: Set<string>, at = ''): string {
  if (Array.isArray(value)) return `readonly [${value.map((item, i) => describe(item, declarations, prefix, maps, `${at}/${i}`)).join(', ')}]`;
  if (!isObject(value)) return JSON.stringify(value);
  const members = (): string => Object.entries(value).map(([key, child]) => `${JSON.stringify(key)}: ${describe(child as Json, declarations, prefix, maps, `${at}/${key}`)};`).join(' ');
  if (maps.has(at)) return `{ ${members()} }`;
  const index = declarations.push('') - 1;
  declarations[index] = `interface ${prefix}_${index} { ${members()} }`;
  return `${prefix}_${index}`;
}

type Line = { instance: Instance; form?: Form; target?: Target };

/**
 * Type-checks every instance in its forms in one program. `packages` maps a corpus name to its
 * generated package directory. The file is written into `dir`.
 */
export async function typeCheck(instances: Instance[], packages: Record<string, string>, dir: string, typeRoots: string): Promise<{ corpora: Record<string, CheckResult> }> {
  const modules = new Map<string, string>();
  const lines: string[] = [];
  const lineOf = new Map<number, Line>();
  for (const instance of instances) {
    const moduleKey = `${instance.type.corpus}/${instance.type.service}`;
    if (!modules.has(moduleKey)) modules.set(moduleKey, `m${modules.size}`);
  }
  const relative = (file: string) => {
    const text = path.relative(dir, file).split(path.sep).join('/');
    return text.startsWith('.') ? text : `./${text}`;
  };
  lines.push(`import type { Input } from '${relative(path.join(Object.values(packages)[0]!, 'dist', 'index.js'))}';`);
  for (const [moduleKey, alias] of modules) {
    const [corpus, service] = moduleKey.split('/') as [string, string];
    lines.push(`import type * as ${alias} from '${relative(path.join(packages[corpus]!, 'dist', 'services', `${service}.js`))}';`);
  }
  const add = (text: string, line?: Line) => {
    if (line) lineOf.set(lines.length, line);
    lines.push(text);
  };
  instances.forEach((instance, i) => {
    const type = `${modules.get(`${instance.type.corpus}/${instance.type.service}`)}.${instance.type.name}`;
    const literal = JSON.stringify(instance.value);
    if (instance.invalid) {
      add('// @ts-expect-error');
      add(`export const v${i}: ${type} = ${literal};`, { instance, target: 'type' });
      add('// @ts-expect-error');
      add(`export const w${i}: Input<${type}> = ${literal};`, { instance, target: 'input' });
      return;
    }
    add(`export const v${i}: ${type} = ${literal};`, { instance, form: 'literal' });
    // `as const` applies to literals of strings, numbers, booleans, arrays and objects (not null)
    add(`const c${i} = ${literal}${instance.value === null ? '' : ' as const'}; export const a${i}: Input<${type}> = c${i};`, { instance, form: 'asConst' });
    const declarations: string[] = [];
    const described = describe(instance.value, declarations, `I${i}`, instance.mapPlaces ?? new Set());
    add(declarations.join(' '));
    add(`declare const i${i}: ${described}; export const b${i}: Input<${type}> = i${i};`, { instance, form: 'interface' });
  });
  const file = path.join(dir, 'instances.ts');
  await writeFile(file, lines.join('\n') + '\n');
  const program = ts.createProgram([file], { ...STRICTEST, typeRoots: [typeRoots] });
  const source = program.getSourceFile(file)!;
  const messages = new Map<number, string>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.file !== source || diagnostic.start === undefined) throw new Error(`unexpected diagnostic: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    const line = source.getLineAndCharacterOfPosition(diagnostic.start).line;
    // an unused @ts-expect-error is reported on the directive's line: the invalid instance below it type-checked
    const at = diagnostic.code === 2578 ? line + 1 : line;
    if (!messages.has(at)) messages.set(at, ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  for (const line of messages.keys()) if (!lineOf.has(line)) throw new Error(`diagnostic on line ${line + 1} of ${file}: ${messages.get(line)}`);
  const corpora: Record<string, CheckResult> = {};
  const types = new Map<string, Set<string>>();
  const kinds = Object.keys(INVALID_KINDS) as InvalidKind[];
  for (const [line, { instance, form, target }] of lineOf) {
    const result = (corpora[instance.type.corpus] ??= {
      types: 0, valid: 0, unsound: [], imprecise: [],
      forms: { literal: { total: 0, accepted: 0 }, asConst: { total: 0, accepted: 0 }, interface: { total: 0, accepted: 0 } },
      invalid: Object.fromEntries(kinds.map((kind) => [kind, { total: 0, refused: 0 }])) as CheckResult['invalid'],
    });
    const seen = types.get(instance.type.corpus) ?? new Set();
    types.set(instance.type.corpus, seen);
    if (!seen.has(instance.type.pointer)) {
      seen.add(instance.type.pointer);
      result.types++;
    }
    const message = messages.get(line);
    if (form !== undefined) {
      if (form === 'literal') result.valid++;
      result.forms[form].total++;
      if (message === undefined) result.forms[form].accepted++;
      else result.unsound.push({ instance, form, message });
    } else {
      result.invalid[instance.invalid!].total++;
      if (message === undefined) result.invalid[instance.invalid!].refused++;
      else result.imprecise.push({ instance, target: target! });
    }
  }
  return { corpora };
}
