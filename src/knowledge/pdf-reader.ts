import type { ExtractedText } from './text-reader.js';

/** Placeholder until the PDF reader lands (replaced by the pdf.js implementation). */
export async function readPdf(file: string): Promise<ExtractedText> {
  throw new Error(`PDF support is not available yet: ${file}`);
}
