/**
 * How to write a comment in each language Loss Lens hovers in. JSON has no comments, so
 * inserting into it is refused rather than breaking the file.
 */
export type CommentStyle = { readonly line: string } | { readonly block: readonly [string, string] } | undefined;

const LINE_COMMENTS: Readonly<Record<string, string>> = {
  python: '# ',
  r: '# ',
  julia: '# ',
  shellscript: '# ',
  yaml: '# ',
  toml: '# ',
  javascript: '// ',
  typescript: '// ',
  javascriptreact: '// ',
  typescriptreact: '// ',
  jsonc: '// ',
  c: '// ',
  cpp: '// ',
  rust: '// ',
  go: '// ',
  java: '// ',
  swift: '// ',
  matlab: '% ',
  octave: '% ',
  lua: '-- ',
  sql: '-- ',
  plaintext: '',
};

export function commentStyle(languageId: string): CommentStyle {
  if (languageId === 'markdown' || languageId === 'html') return { block: ['<!--', '-->'] };
  const prefix = LINE_COMMENTS[languageId];
  return prefix === undefined ? undefined : { line: prefix };
}

/** Turns result lines into comment lines at `indent`. */
export function asComment(lines: readonly string[], style: Exclude<CommentStyle, undefined>, indent: string): string[] {
  if ('line' in style) return lines.map((l) => `${indent}${style.line}${l}`.trimEnd());
  const [open, close] = style.block;
  // "--" may not appear inside an HTML comment; the tables never need two dashes in a row.
  return [`${indent}${open}`, ...lines.map((l) => `${indent}${l.replace(/--/g, '−−')}`.trimEnd()), `${indent}${close}`];
}
