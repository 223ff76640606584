/** Bad usage or bad configuration: exit code 2 with a one-line reason (CONTRACT). */
export class UsageError extends Error {}
