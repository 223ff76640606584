/** Placeholder until the HTTP server lands. */
export async function runServe(): Promise<void> {
  throw new Error('serve is not available yet');
}
