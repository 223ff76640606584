/** A refusal with an HTTP status and a reason in both languages. */
export class ReminderError extends Error {
  override readonly name = 'ReminderError';
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 503,
    readonly code: string,
    readonly en: string,
    readonly ja: string,
  ) {
    super(en);
  }
}

export const notFound = (id: string): ReminderError =>
  new ReminderError(404, 'not_found', `no reminder with id ${id}`, `ID「${id}」のリマインダーは見つかりません。`);
