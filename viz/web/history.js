// Undo and redo for the page: a list of snapshots and a position in it. A burst of
// changes to one control (a slider dragged, a number typed) is one step once the hand
// rests; any other change (a click, a different control) is a step of its own.

export class History {
  /** `take()` returns the current state as a string; `restore(text)` sets it. */
  constructor(take, restore, { restMs = 500, limit = 200, onChange = () => {} } = {}) {
    this.take = take;
    this.restore = restore;
    this.restMs = restMs;
    this.limit = limit;
    this.onChange = onChange;
    this.snapshots = [];
    this.at = -1;
    this.timer = null;
    this.burst = null;  // the control of the burst of changes not yet recorded
    this.burstEnd = null;  // the state after its last change
  }

  /** Starts over from the current state (a new model, a loaded file is still undoable). */
  reset() {
    clearTimeout(this.timer);
    this.timer = null;
    this.burst = null;
    this.snapshots = [this.take()];
    this.at = 0;
    this.onChange();
  }

  /** A change was made. `control`: what was changed, for a burst of changes to the same
      control (recorded once changes stop for restMs); none: recorded at once. */
  note(control = null) {
    const now = this.take();
    if (this.burst !== null && this.burst !== control) {
      // The other control's burst ended before this change: its own step.
      clearTimeout(this.timer);
      this.timer = null;
      this.burst = null;
      this.record(this.burstEnd);
    }
    if (control === null) {
      this.record(now);
    } else {
      this.burst = control;
      this.burstEnd = now;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), this.restMs);
    }
    this.onChange();
  }

  /** Records the burst in progress now (before an undo, or another control's change). */
  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    this.burst = null;
    this.record();
    this.onChange();
  }

  // Records `now` (the current state by default) if it differs from the one at the position.
  record(now = this.take()) {
    if (now === this.snapshots[this.at]) return;
    this.snapshots = this.snapshots.slice(0, this.at + 1);
    this.snapshots.push(now);
    if (this.snapshots.length > this.limit) this.snapshots.shift();
    this.at = this.snapshots.length - 1;
  }

  canUndo() { return this.at > 0 || (this.burst !== null && this.take() !== this.snapshots[this.at]); }
  canRedo() { return this.burst === null && this.at < this.snapshots.length - 1; }

  undo() {
    this.flush();
    if (this.at <= 0) return false;
    this.at -= 1;
    this.restore(this.snapshots[this.at]);
    this.onChange();
    return true;
  }

  redo() {
    this.flush();
    if (this.at >= this.snapshots.length - 1) return false;
    this.at += 1;
    this.restore(this.snapshots[this.at]);
    this.onChange();
    return true;
  }
}
