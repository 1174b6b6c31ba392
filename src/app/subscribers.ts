// Subscribers as the CLI manages them: CSV import and export (refused whole when a row is bad),
// lists and counts, and the suppression list.

export { emailProblem, exportSubscribers, importSubscribers, listSubscribers, subscriberCounts, suppress, type SubscriberStatus } from '../store/subscribers.ts';
export { listCampaigns } from '../store/campaigns.ts';
export { suppressions } from '../store/subscribers.ts';
