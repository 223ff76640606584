/** A literal string as a regular-expression source (a term or a date form matched as written). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
