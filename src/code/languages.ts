/** The languages the code reader reads, by their VS Code language ids (no parser loaded here). */
export const SOURCE_LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'] as const;
export type SourceLanguage = (typeof SOURCE_LANGUAGES)[number];

export function isSourceLanguage(languageId: string): languageId is SourceLanguage {
  return (SOURCE_LANGUAGES as readonly string[]).includes(languageId);
}

/** Documents above this size are not read (as for literal scanning). */
export const MAX_READ_LENGTH = 2_000_000;
