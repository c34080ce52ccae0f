// Every ```ts block of a README, type-checked (strict, NodeNext) against the package it is for:
// the helpers of readme-examples.test.ts. A block that is a fragment on purpose is fenced
// ```ts fragment and not checked.
import path from 'node:path';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import ts from 'typescript';
import { APP_OPTIONS } from './compile-app.ts';

/** One ```ts block: where it is (file and line of its opening fence) and its code. */
export interface CodeBlock {
  source: string;
  line: number;
  code: string;
  /** The reference the package it uses was generated from, from its first line `// reference: NAME`; default v87.1.3. */
  reference: string;
}

/** The ```ts blocks of a Markdown text, fragments (```ts fragment) left out; fences may be indented (list items). */
export function tsBlocks(markdown: string, source: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,})\s*([^`\s]*)(.*)$/.exec(lines[index]!);
    if (open === null) continue;
    const [, indent, fence, language, rest] = open as unknown as [string, string, string, string, string];
    let end = index + 1;
    while (end < lines.length && !(lines[end]!.trim().startsWith(fence) && lines[end]!.trim().replace(/`/g, '') === '')) end++;
    if (language === 'ts' && !/\bfragment\b/.test(rest)) {
      const code = lines.slice(index + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
      const reference = /^\s*\/\/.*\breference: (\S+)/.exec(code)?.[1] ?? 'v87.1.3';
      blocks.push({ source, line: index + 1, code, reference });
    }
    index = end;
  }
  return blocks;
}

/** Where an application compiles blocks: `packages` maps each import name to the directory it resolves to. */
export interface Application {
  dir: string;
  packages: Record<string, string>;
}

/**
 * Type-checks each block as a module of its own in one strict NodeNext program of an application
 * that has `packages` installed (as links). Returns the first block, in the order given, that does
 * not compile, with its diagnostics; undefined when all do.
 */
export async function firstFailingBlock(blocks: CodeBlock[], app: Application, typeRoots: string): Promise<{ block: CodeBlock; diagnostics: string[] } | undefined> {
  await mkdir(app.dir, { recursive: true });
  await writeFile(path.join(app.dir, 'package.json'), '{ "type": "module" }');
  for (const [name, target] of Object.entries(app.packages)) {
    await mkdir(path.dirname(path.join(app.dir, 'node_modules', name)), { recursive: true });
    await symlink(target, path.join(app.dir, 'node_modules', name), 'dir');
  }
  const files = await Promise.all(
    blocks.map(async (block, index) => {
      const file = path.join(app.dir, `block-${index}.ts`);
      // `export {}`: each block is a module, so its top-level names and awaits are its own.
      await writeFile(file, `${block.code}\nexport {};\n`);
      return file;
    }),
  );
  const program = ts.createProgram(files, { ...APP_OPTIONS, typeRoots: [typeRoots] });
  for (const [index, file] of files.entries()) {
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    if (diagnostics.length === 0) continue;
    return {
      block: blocks[index]!,
      diagnostics: diagnostics.map((d) => {
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        return `${at ? `block line ${at.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    };
  }
  return undefined;
}

/** The failure message: which block (file and line) and why. */
export function describeFailure(failure: { block: CodeBlock; diagnostics: string[] }): string {
  return `the \`\`\`ts block at ${failure.block.source}:${failure.block.line} (for the package of ${failure.block.reference}) does not compile:\n${failure.diagnostics.join('\n')}`;
}
