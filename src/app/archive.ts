// What the server and the CLI read of the archive: issues, posts, and the stamps that tell a
// served site to rebuild. Reads only; an issue changes through its use cases (app/editing.ts,
// app/import-archive.ts, app/publish.ts).

export { issueStamps, listIssues, liveIssue, liveIssues, loadAllIssues, loadIssue, publishedStamp, storedLive, type IssueSummary } from '../store/issues.ts';
export { getPost, listPosts, postsStamp } from '../store/posts.ts';
export { signingSecret } from '../store/settings.ts';
