// Editing an issue in the editor: operations applied against the revision the editor saw (a
// stale base is refused as a conflict, naming the revision now), undo of the last change, the
// history, and the draft picks go into. The rules are store/edits.ts's, applied in one transaction.

export { applyEdits, ConflictError, currentDraft, issueRevision, revisions, undoLast } from '../store/edits.ts';
