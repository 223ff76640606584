/**
 * The one Redis setting for every test: TEST_REDIS_URL, else the local server .ci/run starts.
 * (REDIS_URL is the bot's own setting and is not read by tests, so a developer's shell cannot
 * point the tests at a real deployment by accident.)
 */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
