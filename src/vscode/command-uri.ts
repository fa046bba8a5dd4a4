/** A `command:` link for hover markdown, with its argument JSON-encoded. */
export function commandUri(command: string, argument: unknown): string {
  // encodeURIComponent keeps ( and ): a `)` from the document (`# note :)` in a literal) would
  // end the markdown link early, cutting the argument and showing the rest as text.
  const encoded = encodeURIComponent(JSON.stringify([argument]))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29');
  return `command:${command}?${encoded}`;
}
