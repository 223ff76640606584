import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * pdf.js' own data files (Adobe CMaps for CJK fonts, standard font data), as local folder paths.
 * Resolved from the installed package so the same code works from src/ (tests) and dist/;
 * in Node pdf.js reads them with fs, so a plain path (with the trailing separator) is what it wants.
 */
export function pdfjsDataDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const dirs = { cMapUrl: join(root, 'cmaps') + sep, standardFontDataUrl: join(root, 'standard_fonts') + sep };
  // pdf.js only warns (silenced here) when a CMap is missing and then drops the Japanese text:
  // fail loudly instead if the install is incomplete.
  if (!existsSync(join(dirs.cMapUrl, 'UniJIS-UTF16-H.bcmap')) || !existsSync(join(dirs.standardFontDataUrl, 'LiberationSans-Regular.ttf'))) {
    throw new Error(`pdfjs-dist is installed without its cmaps/ or standard_fonts/ folder (looked in ${root}); reinstall it`);
  }
  return dirs;
}

let loaded: Promise<PdfjsModule> | null = null;

/** pdf.js is loaded once, on first use: it is large and most deployments have no PDFs. */
export function loadPdfjs(): Promise<PdfjsModule> {
  loaded ??= (async () => {
    // Give pdf.js its worker code in this thread up front: in Node it would otherwise import
    // GlobalWorkerOptions.workerSrc itself ("fake worker"); this way nothing is looked up or fetched.
    const g = globalThis as { pdfjsWorker?: unknown };
    if (g.pdfjsWorker === undefined) {
      const workerSpecifier = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      g.pdfjsWorker = await import(workerSpecifier);
    }
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loaded;
}

/** A PDF that cannot be read, with a message that names the file and says what to do. */
export class PdfReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'PdfReadError';
  }
}

/** Open a PDF from bytes with every resource local and pdf.js' console noise off. */
export async function openPdf(file: string, data: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data,
    ...pdfjsDataDirs(),
    cMapPacked: true,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    // Nothing to fetch: the bytes are all here (no range or stream requests, no worker fetches).
    useWorkerFetch: false,
    disableRange: true,
    disableStream: true,
    disableAutoFetch: true,
    enableXfa: false,
    stopAtErrors: false,
    // 0 = errors only: pdf.js warns about every odd font; real failures still reject the promises.
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy().catch(() => {});
    throw describeOpenError(file, e);
  }
}

function describeOpenError(file: string, e: unknown): PdfReadError {
  const err = e as { name?: string; message?: string; code?: number };
  switch (err?.name) {
    case 'PasswordException':
      return new PdfReadError(
        file,
        'the PDF is encrypted with a password; save a copy without the password (or ask the issuer for one) to index it',
        { cause: e },
      );
    case 'InvalidPDFException':
      return new PdfReadError(file, `not a valid PDF (corrupt or truncated): ${err.message ?? 'invalid structure'}`, { cause: e });
    default:
      return new PdfReadError(file, `cannot read the PDF: ${err?.message ?? String(e)}`, { cause: e });
  }
}
