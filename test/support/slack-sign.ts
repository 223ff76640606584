// Re-exported so tests and the benchmark share one signing helper (the adapter's own).
export { signSlackRequest, slackSignature } from '../../adapters/slack/signing.js';
