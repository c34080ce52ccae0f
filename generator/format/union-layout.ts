// prettier (src/language-js/print/union-type.js, printUnionType) prints a union type that does
// not fit after its `=`, `:` or `(` as group(indent([softline, union])): it first moves the whole
// union to the next line, one indent deeper, and only when it does not fit there either does it
// print one member per line, each after a leading `| `. oxfmt 0.80 skips the middle step. This
// takes oxfmt's output back to prettier's layout.

/** Line endings after which prettier's union group may start on the next line. */
const UNION_HEAD = '(?:=|:|\\(|=>)';
const UNION_HEADS = new RegExp(`${UNION_HEAD}$`);
/** Such a line followed by a `| ` member line: a union oxfmt broke one member per line. */
const BROKEN_UNION = new RegExp(`${UNION_HEAD}\\n +\\| `);

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Whether a member's text has a comment outside its string literals (`'https://…'` is no comment). */
const hasComment = (member: string): boolean => /\/\/|\/\*/.test(member.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''"));

/**
 * Joins each union printed one member per line (`| A` lines, one indent below the line they
 * follow) back onto one line when it fits in `printWidth` there, as prettier prints it. A union
 * with a member over several lines, or with a comment, is left as it is: prettier breaks it too.
 * Returns the text with those unions joined.
 */
export function joinUnionsThatFit(text: string, printWidth: number): string {
  // Most files have no union broken after its head: they are returned without being split.
  if (!BROKEN_UNION.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const head = lines[index]!;
    out.push(head);
    if (!UNION_HEADS.test(head)) continue;
    // A head that is itself a member of a broken union (`| (`) has its text aligned after the `| `.
    const indent = indentOf(head) + (head.trimStart().startsWith('| ') ? 2 : 0) + 2;
    const memberPrefix = `${' '.repeat(indent)}| `;
    let end = index + 1;
    while (end < lines.length && lines[end]!.startsWith(memberPrefix)) end++;
    const members = lines.slice(index + 1, end).map((line) => line.slice(memberPrefix.length));
    if (members.length < 2) continue;
    // A deeper line after the last `| ` line continues that member: it spans lines.
    const after = lines[end];
    if (after !== undefined && after.trim() !== '' && indentOf(after) >= indent) continue;
    if (members.some(hasComment)) continue;
    // The last member's line ends with what follows the union (`;`, `,`): prettier measures it too.
    const joined = `${' '.repeat(indent)}${members.join(' | ')}`;
    if (joined.length > printWidth) continue;
    out.push(joined);
    index = end - 1;
  }
  return out.join('\n');
}
