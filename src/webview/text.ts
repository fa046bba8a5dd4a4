/** Fills `{0}`, `{1}`, ... in a strings-table template; a missing argument leaves its placeholder. */
export function fill(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, digits: string) => {
    const arg = args[Number(digits)];
    return arg === undefined ? placeholder : String(arg);
  });
}
